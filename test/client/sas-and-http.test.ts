// A SAS pasted into a storage container URI is refused before anything is sent, naming the field and where the
// SAS goes; plain http to a host other than loopback is refused unless `allowInsecureHttp` is set — for the
// endpoint, the STS and storage container URIs alike — and the refusal names that option.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { test } from "node:test";
import { createRemoteRenderingClient, ValidationError, type ConversionSettings } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { accountId, clientFor, conversion, conversionSettings, fakeJwt } from "../support/arr-fixtures.js";

const SIG = "SasSignatureThatMustNeverShow0123456789abcdef";
const sasUrl = `https://contoso.blob.core.windows.net/models?sv=2022-11-02&sr=c&sig=${SIG}`;

async function validationError(call: Promise<unknown>): Promise<ValidationError> {
  const error = await call.then(
    () => assert.fail("expected a ValidationError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationError, String(error));
  return error;
}

test("a SAS in a container URI: ValidationError naming the field and the SAS field; nothing sent, nothing shown", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  const cases: [ConversionSettings, string, string][] = [
    [
      { ...conversionSettings, inputLocation: { ...conversionSettings.inputLocation, storageContainerUri: sasUrl } },
      "inputLocation.storageContainerUri",
      "inputLocation.storageContainerReadListSas",
    ],
    [
      { ...conversionSettings, outputLocation: { ...conversionSettings.outputLocation, storageContainerUri: sasUrl } },
      "outputLocation.storageContainerUri",
      "outputLocation.storageContainerWriteSas",
    ],
  ];
  for (const [settings, field, sasField] of cases) {
    const error = await validationError(client.conversions.create("c1", settings));
    assert.equal(error.field, field);
    assert.equal(error.rule, "format");
    assert.ok(error.message.includes(sasField), error.message);
    for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      assert.ok(!text.includes(SIG) && !text.includes("sv=2022"), `the SAS shows in: ${text}`);
    }
  }
  assert.equal(server.requests.length, 0, "nothing was sent");
});

test("plain http to another host: refused naming allowInsecureHttp; accepted with it (endpoint, STS, storage)", async (t) => {
  const options = { accountId, credential: { accessToken: fakeJwt(4102444800) } };
  for (const [field, extra] of [
    ["endpoint", { endpoint: "http://emulator:8080" }],
    ["stsEndpoint", { endpoint: "https://remoterendering.eastus.mixedreality.azure.com", stsEndpoint: "http://emulator:8080" }],
  ] as const) {
    assert.throws(
      () => createRemoteRenderingClient({ ...options, ...extra }),
      (e: unknown) => e instanceof ValidationError && e.field === field && e.rule === "format" && e.message.includes("allowInsecureHttp"),
    );
    assert.doesNotThrow(() => createRemoteRenderingClient({ ...options, ...extra, allowInsecureHttp: true }));
  }
  assert.throws(() => createRemoteRenderingClient({ ...options, endpoint: "ftp://emulator:8080", allowInsecureHttp: true }), ValidationError);

  const server = await startScriptedServer();
  t.after(() => server.close());
  server.always("PUT", /\/conversions\/c1$/, { status: 201, body: conversion("c1", "NotStarted") });
  const azurite = { ...conversionSettings, inputLocation: { ...conversionSettings.inputLocation, storageContainerUri: "http://azurite:10000/devstoreaccount1/input" } };
  const strict = clientFor(server).client;
  const error = await validationError(strict.conversions.create("c1", azurite));
  assert.equal(error.field, "inputLocation.storageContainerUri");
  assert.ok(error.message.includes("allowInsecureHttp"), error.message);
  assert.equal(server.requests.length, 0);
  const lenient = clientFor(server, { allowInsecureHttp: true }).client;
  assert.equal((await lenient.conversions.create("c1", azurite)).id, "c1");
  assert.equal(server.requests.length, 1);
});
