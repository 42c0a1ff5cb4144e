// Validation before any request: each JSON Schema keyword of the spec's limits, with the limits read from
// generated/constraints.ts, secrets redacted, and nothing on the wire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { constraints } from "../../generated/constraints.js";
import { createRemoteRenderingClient, ValidationError, type ConversionSettings, type ValidationRule } from "../../src/index.js";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";
import { accountDomain, accountId, accountKey, clientFor, conversionSettings } from "../support/arr-fixtures.js";

async function rejectsWith(server: ScriptedServer, call: Promise<unknown>, field: string, rule: ValidationRule, value?: unknown): Promise<ValidationError> {
  const error = await call.then(
    () => assert.fail(`expected a ValidationError on ${field}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
  assert.equal(error.field, field);
  assert.equal(error.rule, rule);
  if (arguments.length > 4) assert.deepEqual(error.value, value);
  assert.ok(error.message.startsWith(field), error.message);
  assert.equal(server.requests.length, 0, "nothing was sent");
  return error;
}

const lease = constraints.requestSchemas.create_session_settings.properties.maxLeaseTimeMinutes;
const updateLease = constraints.requestSchemas.update_session_settings.properties.maxLeaseTimeMinutes;
const idLimit = constraints.requestSchemas.resource_id.maxLength;

test("session ids: pattern, maxLength, minLength and type", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  await rejectsWith(server, client.sessions.get("my session"), "sessionId", "pattern", "my session");
  await rejectsWith(server, client.sessions.get("../etc"), "sessionId", "pattern");
  await rejectsWith(server, client.sessions.stop("x".repeat(idLimit + 1)), "sessionId", "maxLength");
  await rejectsWith(server, client.sessions.get(""), "sessionId", "minLength");
  await rejectsWith(server, client.sessions.get(42 as unknown as string), "sessionId", "type", 42);
  await rejectsWith(server, client.conversions.get("a/b"), "conversionId", "pattern");
  await rejectsWith(server, client.sessions.waitUntilReady("ü"), "sessionId", "pattern");
});

test("leases: minimum, maximum and integer type, at the spec's limits", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  const below = await rejectsWith(server, client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: lease.minimum - 1 }), "maxLeaseTimeMinutes", "minimum", -1);
  assert.match(below.message, new RegExp(`at least ${lease.minimum}`));
  const above = await rejectsWith(server, client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: lease.maximum + 1 }), "maxLeaseTimeMinutes", "maximum");
  assert.match(above.message, new RegExp(`at most ${lease.maximum}`));
  await rejectsWith(server, client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: 1.5 }), "maxLeaseTimeMinutes", "type");
  await rejectsWith(server, client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: "60" as unknown as number }), "maxLeaseTimeMinutes", "type");
  await rejectsWith(server, client.sessions.update("s1", { maxLeaseTimeMinutes: updateLease.minimum - 1 }), "maxLeaseTimeMinutes", "minimum");
  await rejectsWith(server, client.sessions.update("s1", { maxLeaseTimeMinutes: updateLease.maximum + 1 }), "maxLeaseTimeMinutes", "maximum");
});

test("the limits themselves are accepted", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server.always("*", /.*/, { status: 404 });
  await assert.rejects(client.sessions.create("x".repeat(idLimit), { size: "Premium", maxLeaseTimeMinutes: lease.maximum }), { status: 404 });
  await assert.rejects(client.sessions.create("A-z_0-9", { size: "Standard", maxLeaseTimeMinutes: lease.minimum }), { status: 404 });
  await assert.rejects(client.sessions.update("s1", { maxLeaseTimeMinutes: updateLease.maximum }), { status: 404 });
  assert.equal(server.requests.length, 3);
});

test("size: required and a string; settings: required and an object", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  await rejectsWith(server, client.sessions.create("s1", { maxLeaseTimeMinutes: 60 } as never), "size", "required", undefined);
  await rejectsWith(server, client.sessions.create("s1", { size: 3, maxLeaseTimeMinutes: 60 } as never), "size", "type", 3);
  await rejectsWith(server, client.sessions.update("s1", {} as never), "maxLeaseTimeMinutes", "required");
  await rejectsWith(server, client.sessions.create("s1", null as never), "settings", "type");
});

test("size is an open enumeration: another case goes out canonical, an unknown size and extra fields as given", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  const sessionPath = "/accounts/" + accountId + "/sessions/s1";
  server.always("PUT", sessionPath, () => ({ status: 201, body: { id: "s1", size: "Standard", status: "Starting" } }));
  await client.sessions.create("s1", { size: "standard", maxLeaseTimeMinutes: 60 });
  await client.sessions.create("s1", { size: "PREMIUM", maxLeaseTimeMinutes: 60 });
  // The spec lists Standard and Premium as the known values; the service decides on others (it met `Tiny`).
  await client.sessions.create("s1", { size: "Tiny", maxLeaseTimeMinutes: 60 });
  // Request bodies are open objects: the service ignored fields it did not know.
  await client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: 60, color: "red" } as never);
  const sent = server.requestsTo("PUT", sessionPath).map((r) => r.json<{ size: string; color?: string }>());
  assert.deepEqual(sent.map((b) => b.size), ["Standard", "Premium", "Tiny", "Standard"]);
  assert.equal(sent[3]?.color, "red");
});

test("conversion settings: required, format (https, or http on loopback) and the .arrAsset pattern", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  const withInput = (input: object): ConversionSettings => ({ ...conversionSettings, inputLocation: { ...conversionSettings.inputLocation, ...input } });
  const withOutput = (output: object): ConversionSettings => ({ ...conversionSettings, outputLocation: { ...conversionSettings.outputLocation, ...output } });

  await rejectsWith(server, client.conversions.create("c1", { outputLocation: conversionSettings.outputLocation } as never), "inputLocation", "required");
  await rejectsWith(server, client.conversions.create("c1", withInput({ relativeInputAssetPath: undefined })), "inputLocation.relativeInputAssetPath", "required");
  await rejectsWith(server, client.conversions.create("c1", withInput({ relativeInputAssetPath: "" })), "inputLocation.relativeInputAssetPath", "minLength");
  for (const uri of ["http://contosostorage.blob.core.windows.net/input", "ftp://contoso/input", "input", "https://"])
    await rejectsWith(server, client.conversions.create("c1", withInput({ storageContainerUri: uri })), "inputLocation.storageContainerUri", "format");
  await rejectsWith(server, client.conversions.create("c1", withOutput({ storageContainerUri: "//contoso/output" })), "outputLocation.storageContainerUri", "format");
  const name = await rejectsWith(server, client.conversions.create("c1", withOutput({ outputAssetFilename: "robot.fbx" })), "outputLocation.outputAssetFilename", "pattern", "robot.fbx");
  assert.ok(name.message.includes(constraints.requestSchemas.conversion_output_settings.properties.outputAssetFilename.pattern));

  // Loopback http (Azurite, an emulator) is fine.
  server.always("PUT", /.*/, { status: 404 });
  for (const uri of ["http://127.0.0.1:10000/devstoreaccount1/input", "http://localhost:10000/devstoreaccount1/input", "http://[::1]:10000/x"])
    await assert.rejects(client.conversions.create("c1", withInput({ storageContainerUri: uri })), { status: 404 });
});

test("a SAS is redacted from the value: secret fields entirely, URLs from the query on", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  const sas = "sv=2022-11-02&sp=rl&sig=TopSecretSig";
  const secret = await rejectsWith(
    server,
    client.conversions.create("c1", { ...conversionSettings, inputLocation: { ...conversionSettings.inputLocation, storageContainerReadListSas: 7 as unknown as string } }),
    "inputLocation.storageContainerReadListSas",
    "type",
    "[REDACTED]",
  );
  assert.ok(!secret.message.includes("7)"));
  const uri = await rejectsWith(
    server,
    client.conversions.create("c1", { ...conversionSettings, outputLocation: { storageContainerUri: `http://contoso.blob.core.windows.net/out?${sas}` } }),
    "outputLocation.storageContainerUri",
    "format",
    "http://contoso.blob.core.windows.net/out?[REDACTED]",
  );
  assert.ok(!uri.message.includes("TopSecretSig"));
});

test("client options: endpoint, stsEndpoint, accountId, credential, timeoutMs", () => {
  const base = { endpoint: "https://remoterendering.eastus.mixedreality.azure.com", accountId, accountDomain, credential: { accountKey } };
  const cases: [Record<string, unknown>, string, ValidationRule][] = [
    [{ endpoint: "http://remoterendering.eastus.mixedreality.azure.com" }, "endpoint", "format"],
    [{ endpoint: "remoterendering.eastus.mixedreality.azure.com" }, "endpoint", "format"],
    [{ stsEndpoint: "http://sts.example.com" }, "stsEndpoint", "format"],
    [{ accountId: "not-a-uuid" }, "accountId", "format"],
    [{ accountId: undefined }, "accountId", "type"],
    [{ credential: undefined }, "credential", "required"],
    [{ credential: { password: "x" } }, "credential", "type"],
    [{ timeoutMs: -1 }, "timeoutMs", "minimum"],
    [{ retry: { maxRetries: Number.NaN } }, "retry.maxRetries", "minimum"],
  ];
  for (const [override, field, rule] of cases)
    assert.throws(
      () => createRemoteRenderingClient({ ...base, ...override } as never),
      (e: unknown) => e instanceof ValidationError && e.field === field && e.rule === rule,
      `${field} ${rule}`,
    );
  assert.doesNotThrow(() => createRemoteRenderingClient({ ...base, endpoint: "http://127.0.0.1:8080/", stsEndpoint: "http://localhost:8080" }));
});

test("the client's schema interpreter knows every keyword and type the request schemas and path parameters use", async () => {
  const { checkedKeywords, checkedTypes } = await import("../../src/validation/schema.js");
  const keywords = new Set<string>(checkedKeywords);
  const types = new Set<string>(checkedTypes);
  const unknown: string[] = [];
  const visit = (node: Record<string, unknown>, at: string): void => {
    for (const [keyword, value] of Object.entries(node)) {
      if (!keywords.has(keyword)) unknown.push(`${at}: ${keyword}`);
      if (keyword === "type" && !types.has(value as string)) unknown.push(`${at}: type ${String(value)}`);
    }
    for (const [name, child] of Object.entries((node["properties"] ?? {}) as Record<string, Record<string, unknown>>)) visit(child, `${at}.${name}`);
    for (const [i, branch] of ((node["anyOf"] ?? []) as Record<string, unknown>[]).entries()) visit(branch, `${at}.anyOf[${i}]`);
  };
  for (const [name, schema] of Object.entries({ ...constraints.requestSchemas, ...constraints.pathParameterSchemas })) visit(schema, name);
  assert.deepEqual(unknown, []);
});
