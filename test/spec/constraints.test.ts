// The constraints data in generated/ is exactly what the spec says, and holds the limits the reference documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { constraints } from "../../generated/constraints.js";
import { documents } from "../support/spec-validator.js";
import { extractConstraints, type OpenApiDocument } from "../../scripts/lib/constraints.js";

test("the constraints data is derived from the bundled spec, nothing added or lost", () => {
  const derived = extractConstraints(
    documents["remote-rendering"] as unknown as OpenApiDocument,
    documents["mixed-reality-sts"] as unknown as OpenApiDocument,
  );
  assert.deepEqual(JSON.parse(JSON.stringify(constraints)), derived);
  // What a request can carry is apart from what only responses use, so client bundles can drop the latter.
  assert.deepEqual(Object.keys(derived.requestSchemas).sort(), [
    "conversion_input_settings", "conversion_output_settings", "conversion_settings", "create_conversion_settings",
    "create_session_settings", "resource_id", "session_size", "update_session_settings",
  ]);
});

test("ids, leases, sizes and versions carry the reference's limits", () => {
  const { parameters } = constraints;
  const schemas = { ...constraints.requestSchemas, ...constraints.responseSchemas };
  assert.deepEqual(schemas.resource_id, { type: "string", pattern: "^[A-Za-z0-9_-]+$", minLength: 1, maxLength: 256 });
  assert.equal(parameters.session_id.$ref, "resource_id");
  assert.equal(parameters.conversion_id.$ref, "resource_id");
  assert.equal(parameters.account_id.format, "uuid");
  assert.deepEqual(parameters["api-version"].enum, ["2021-01-01", "2021-01-01-preview"]);
  assert.equal(constraints.apiVersion, "2021-01-01");
  assert.deepEqual(constraints.apiVersions, ["2021-01-01", "2021-01-01-preview"]);
  assert.equal(constraints.stsApiVersion, "2019-02-28-preview");
  const create = schemas.create_session_settings.properties.maxLeaseTimeMinutes;
  const update = schemas.update_session_settings.properties.maxLeaseTimeMinutes;
  assert.deepEqual([create.minimum, create.maximum], [0, 1440]);
  // "less than 1440" (the seed and the English reference), kept as `maximum` so errors name that rule.
  assert.deepEqual([update.minimum, update.maximum], [1, 1439]);
  assert.deepEqual([...schemas.create_session_settings.required].sort(), ["maxLeaseTimeMinutes", "size"]);
  // Open enumerations: the known values in one branch, any string in the other.
  assert.deepEqual(schemas.session_size.anyOf[0].enum, ["Standard", "Premium"]);
  assert.deepEqual(schemas.session_size.anyOf[1], { type: "string" });
  assert.deepEqual([...schemas.session_status.anyOf[0].enum].sort(), ["Error", "Expired", "Ready", "Starting", "Stopped"]);
  assert.deepEqual([...schemas.conversion_status.anyOf[0].enum].sort(), ["Cancelled", "Failed", "NotStarted", "Running", "Succeeded"]);
  // Empty means "not set"; a non-empty name must end in .arrAsset.
  assert.equal(schemas.conversion_output_settings.properties.outputAssetFilename.pattern, "^$|\\.arrAsset$");
  for (const name of ["create_session_settings", "update_session_settings", "create_conversion_settings"] as const) {
    assert.equal((schemas[name] as { additionalProperties?: boolean }).additionalProperties, undefined, `${name} is an open object`);
  }
  assert.equal(schemas.conversion_input_settings.properties.storageContainerReadListSas.secret, true);
  assert.equal(schemas.conversion_output_settings.properties.storageContainerWriteSas.secret, true);
  assert.equal(constraints.regions.length, 10);
});

test("every operation of the reference is there, with its statuses", () => {
  const ops = constraints.operations;
  assert.deepEqual(Object.keys(ops).sort(), [
    "createConversion", "createSession", "getConversion", "getSession", "listConversions", "listSessions", "stopSession", "updateSession",
  ]);
  const statuses = (id: keyof typeof ops) => [...ops[id].statuses].sort();
  assert.deepEqual(statuses("createSession"), ["200", "201", "400", "401", "403", "409", "429", "500", "default"]);
  assert.deepEqual(statuses("updateSession"), ["200", "401", "403", "404", "422", "429", "500", "default"]);
  assert.deepEqual(statuses("stopSession"), ["204", "401", "403", "404", "429", "500", "default"]);
  assert.deepEqual(statuses("getSession"), ["200", "401", "403", "404", "429", "500", "default"]);
  assert.deepEqual(statuses("listSessions"), ["200", "401", "403", "429", "500", "default"]);
  assert.deepEqual(statuses("createConversion"), ["200", "201", "400", "401", "403", "409", "429", "500", "default"]);
  assert.deepEqual(statuses("getConversion"), ["200", "401", "403", "404", "429", "500", "default"]);
  assert.deepEqual(statuses("listConversions"), ["200", "401", "403", "429", "500", "default"]);
  assert.equal(ops.stopSession.path, "/accounts/{account_id}/sessions/{session_id}/:stop");
  assert.equal(ops.stopSession.requestBody, null);
  assert.equal(ops.createConversion.requestBody, "create_conversion_settings");
});

test("headers: MS-CV and the recorded headers everywhere, WWW-Authenticate on 401, Retry-After on 429, optional on get-conversion 200", () => {
  type Json = Record<string, any>;
  const doc = documents["remote-rendering"] as Json;
  const resolve = (node: Json): Json => (node["$ref"] ? doc["components"]["responses"][node["$ref"].split("/").pop()] : node);
  for (const [path, item] of Object.entries(doc["paths"] as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (method === "parameters") continue;
      for (const [status, response] of Object.entries((op as Json)["responses"] as Json)) {
        const headers = Object.keys(resolve(response as Json)["headers"] ?? {});
        const where = `${method} ${path} ${status}`;
        assert.ok(headers.includes("MS-CV"), `${where} lacks MS-CV`);
        assert.ok(headers.includes("api-supported-versions"), `${where} lacks api-supported-versions`);
        assert.ok(headers.includes("X-Content-Type-Options"), `${where} lacks X-Content-Type-Options`);
        const read = method === "get" && status === "200" && !path.endsWith("/conversions");
        if (read) assert.ok(headers.includes("Cache-Control") && headers.includes("Pragma"), `${where} lacks Cache-Control/Pragma`);
        if (status === "401") assert.ok(headers.includes("WWW-Authenticate"), `${where} lacks WWW-Authenticate`);
        if (status === "429") assert.ok(headers.includes("Retry-After"), `${where} lacks Retry-After`);
      }
    }
  }
  const getConversion200 = doc["paths"]["/accounts/{account_id}/conversions/{conversion_id}"]["get"]["responses"]["200"];
  assert.ok("Retry-After" in getConversion200["headers"]);
  // "May be sent": the service never sent it, so the spec does not promise it.
  assert.equal(doc["components"]["headers"][getConversion200["headers"]["Retry-After"]["$ref"].split("/").pop()]["required"], false);
  assert.equal(doc["components"]["headers"]["Retry-After"]["schema"]["type"], "integer");
});
