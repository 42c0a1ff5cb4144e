// The spec accepts every answer the live service sent (2021 nulls and zeros, 2022/2024 omissions, a size it
// does not list) and every request Microsoft's own samples sent; and it still refuses what is really wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { constraints } from "../../generated/constraints.js";
import { documents, validateAgainst } from "../support/spec-validator.js";
import { recordedBodies, recordedRequests } from "./recorded.js";

for (const { name, spec, schema, body } of [...recordedBodies, ...recordedRequests]) {
  test(`the spec accepts the recorded ${name}`, () => {
    assert.deepEqual(validateAgainst(spec, schema, body), []);
  });
}

test("what the service never sent is still refused (so the tests above can fail)", () => {
  const session = "#/components/schemas/session_properties";
  assert.notDeepEqual(validateAgainst("remote-rendering", session, { id: "s", size: "Standard", status: "Ready", handshakePort: 80 }), []);
  assert.notDeepEqual(validateAgainst("remote-rendering", session, { id: "s", size: "Standard", status: "Ready", hostname: 7 }), []);
  assert.notDeepEqual(validateAgainst("remote-rendering", session, { id: "s", size: 1, status: "Ready" }), []);
  assert.notDeepEqual(validateAgainst("remote-rendering", "#/components/schemas/conversions_list", { conversions: [], "@nextLink": 3 }), []);
  const output = "#/components/schemas/conversion_output_settings";
  assert.notDeepEqual(validateAgainst("remote-rendering", output, { storageContainerUri: "https://a.blob.core.windows.net/o", outputAssetFilename: "robot.fbx" }), []);
  assert.deepEqual(validateAgainst("remote-rendering", output, { storageContainerUri: "https://a.blob.core.windows.net/o", outputAssetFilename: "" }), []);
});

test("update leases stop at 1439, create leases at 1440", () => {
  const update = "#/components/schemas/update_session_settings";
  assert.deepEqual(validateAgainst("remote-rendering", update, { maxLeaseTimeMinutes: 1439 }), []);
  assert.notDeepEqual(validateAgainst("remote-rendering", update, { maxLeaseTimeMinutes: 1440 }), []);
  assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/create_session_settings", { maxLeaseTimeMinutes: 1440, size: "Standard" }), []);
});

type Json = Record<string, any>;

test("api-version: 2021-01-01 and 2021-01-01-preview; the STS api-version is optional", () => {
  const rr = documents["remote-rendering"] as Json;
  assert.deepEqual(rr["components"]["parameters"]["api_version"]["schema"]["enum"], ["2021-01-01", "2021-01-01-preview"]);
  assert.equal(constraints.apiVersion, "2021-01-01", "the client sends the stable version");
  const sts = documents["mixed-reality-sts"] as Json;
  const get = sts["paths"]["/Accounts/{accountId}/token"]["get"];
  const version = (get["parameters"] as Json[]).find((p) => p["name"] === "api-version");
  assert.equal(version?.["required"], false);
  assert.match(get["description"], /without\s+regard\s+to\s+case/);
});

test("both lists are x-ms-pageable over @nextLink", () => {
  const rr = documents["remote-rendering"] as Json;
  for (const [path, item] of [["/accounts/{account_id}/sessions", "sessions"], ["/accounts/{account_id}/conversions", "conversions"]] as const) {
    assert.deepEqual(rr["paths"][path]["get"]["x-ms-pageable"], { nextLinkName: "@nextLink", itemName: item });
  }
});

test("the prose no longer promises Retry-After on get-conversion, and gives the documented polling advice", () => {
  const rr = documents["remote-rendering"] as Json;
  const description = rr["info"]["description"] as string;
  assert.match(description, /5–10 s\s+between\s+calls/);
  assert.match(description, /conversions\s+every\s+10 s/);
  assert.doesNotMatch(description, /Get Conversion\* answers with a `Retry-After`/);
  assert.match(description, /point-cloud/);
  const getConversion = rr["paths"]["/accounts/{account_id}/conversions/{conversion_id}"]["get"];
  assert.match(getConversion["description"], /no\s+recorded\s+answer\s+of\s+the\s+service\s+carried\s+it/);
  // The example's input path is relative to its blobPrefix.
  const example = rr["components"]["examples"]["conversion_not_started"]["value"]["settings"]["inputLocation"];
  assert.equal(example["blobPrefix"], "robot/");
  assert.equal(example["relativeInputAssetPath"], "robot.fbx");
});
