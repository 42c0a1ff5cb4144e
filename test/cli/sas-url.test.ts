// A "Blob SAS URL" pasted as the container: `arr conversions create` splits it into the container URL and the
// SAS (saying so on stderr), sends the SAS where it belongs, and never shows it — in human or --json output,
// nor in the emulator's data dir.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { conversion, fakeJwt } from "../support/arr-fixtures.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { arr, show, startTestEmulator } from "./support.js";

const SIG = "PortalSasSignature0123456789abcdefXYZ";
const sasUrl = (container: string) => `https://contoso.blob.core.windows.net/${container}?sv=2022-11-02&sr=c&sp=rl&sig=${SIG}`;

const createArgs = (id: string, input: string, output = "https://contoso.blob.core.windows.net/converted") => [
  "conversions", "create", id,
  "--input-container", input,
  "--input-asset", "robot.fbx",
  "--output-container", output,
];

describe("arr conversions create with a SAS in a container URL", { concurrency: 2 }, () => {
  test("split into container + SAS on the wire, with a note on stderr; the SAS is never printed", async (t) => {
    const server = await startScriptedServer();
    t.after(() => server.close());
    server.always("PUT", /\/conversions\/c3$/, { status: 201, body: conversion("c3", "NotStarted") });
    const env = { ARR_ENDPOINT: server.url, ARR_ACCOUNT_ID: "30ea64bd-100f-4bf0-adc9-29fa45d4880c", ARR_ACCESS_TOKEN: fakeJwt(4102444800) };
    for (const more of [[], ["--json"]]) {
      const run = await arr([...createArgs("c3", sasUrl("models"), sasUrl("converted")), ...more], env);
      assert.equal(run.code, 0, show(run));
      assert.match(run.stderr, /--input-container carried a query string \(a SAS token\); it is sent as --input-sas/);
      assert.match(run.stderr, /--output-container carried a query string \(a SAS token\); it is sent as --output-sas/);
      assert.ok(!`${run.stdout}${run.stderr}`.includes(SIG), show(run));
    }
    const sent = server.requestsTo("PUT", /\/conversions\/c3$/)[0]?.json<{ settings: Record<string, Record<string, string>> }>();
    assert.ok(sent);
    assert.equal(sent.settings["inputLocation"]?.["storageContainerUri"], "https://contoso.blob.core.windows.net/models");
    assert.equal(sent.settings["inputLocation"]?.["storageContainerReadListSas"], `sv=2022-11-02&sr=c&sp=rl&sig=${SIG}`);
    assert.equal(sent.settings["outputLocation"]?.["storageContainerUri"], "https://contoso.blob.core.windows.net/converted");
    assert.equal(sent.settings["outputLocation"]?.["storageContainerWriteSas"], `sv=2022-11-02&sr=c&sp=rl&sig=${SIG}`);
  });

  test("against the emulator with a data dir: nothing of the SAS on disk; a second, different SAS is a usage error", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "arr-sas-cli-"));
    // contoso is linked: its output container needs no SAS (else a 403 LinkedStorageAccessFailure, as the service).
    const emulator = await startTestEmulator({ dataDir: dir, linkedStorage: ["contoso"] });
    t.after(async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    });
    const run = await arr([...createArgs("c4", sasUrl("models")), "--json"], emulator.env);
    assert.equal(run.code, 0, show(run));
    assert.ok(!`${run.stdout}${run.stderr}`.includes(SIG), show(run));
    const both = await arr([...createArgs("c5", sasUrl("models")), "--input-sas", "sv=1&sig=AnotherSignature987654321"], emulator.env);
    assert.equal(both.code, 2, show(both));
    assert.match(both.stderr, /--input-container carries a SAS token and --input-sas gives another one/);
    assert.ok(!`${both.stdout}${both.stderr}`.includes(SIG) && !both.stderr.includes("AnotherSignature"), show(both));
    await emulator.close();
    for (const name of await readdir(dir)) assert.ok(!(await readFile(join(dir, name), "utf8")).includes(SIG), `${name} holds the SAS`);
  });
});
