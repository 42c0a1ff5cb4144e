// The client takes every answer the service really sent: 2021 nulls and zeros, omitted fields, a size and
// statuses the spec does not list, `"@nextLink": null`, no Retry-After on conversions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isRemoteRenderingError } from "../../src/index.js";
import { sessionDetails } from "../../src/cli/format.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { clientFor, conversionPath, conversionsPath, sessionPath } from "../support/arr-fixtures.js";
import {
  conversion2024NotStarted,
  conversionList,
  conversionSucceeded,
  negativeLease2021,
  session2021Ready,
  session2021Starting,
  session2024Ready,
  session2024Starting,
  sessionTinySize,
} from "./recorded.js";

test("a session of a size the client does not know is polled every 10 s, not in a tight loop", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const tiny = { ...sessionTinySize, id: "t1" };
  // Ready as the service answers it: with hostname and ports (a Ready answer without them is not ready yet).
  const readyTiny = { ...session2024Ready, id: "t1", size: "Tiny" };
  server.enqueue("GET", sessionPath("t1"), { body: tiny }, { body: tiny }, { body: readyTiny });
  const ready = await client.sessions.waitUntilReady("t1");
  assert.equal(ready.size, "Tiny");
  assert.deepEqual(clock.sleeps, [10_000, 10_000]);
});

test("an unknown session status is not final: the poller keeps waiting until Ready", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const s = { ...session2024Starting, id: "s1" };
  server.enqueue("GET", sessionPath("s1"), { body: s }, { body: { ...s, status: "Provisioning" } }, { body: { ...session2024Ready, id: "s1" } });
  const seen: string[] = [];
  const ready = await client.sessions.waitUntilReady("s1", { onProgress: (x) => seen.push(x.status) });
  assert.equal(ready.hostname, "lb00.remoterendering.vm.eastus2.mixedreality.azure.com");
  assert.deepEqual(seen, ["Starting", "Provisioning", "Ready"]);
  assert.deepEqual(clock.sleeps, [2_000, 2_000]);
});

test("an unknown conversion status is not final; without Retry-After conversions are polled every 10 s", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const c = { ...conversion2024NotStarted, id: "c1" };
  server.enqueue("GET", conversionPath("c1"), { body: c }, { body: { ...c, status: "Queued" } }, { body: { ...c, status: "Running" } }, { body: { ...conversionSucceeded, id: "c1" } });
  const done = await client.conversions.waitUntilDone("c1");
  assert.equal(done.status, "Succeeded");
  assert.deepEqual(clock.sleeps, [10_000, 10_000, 10_000]);
  // When an answer does carry Retry-After, it is honoured.
  server.enqueue("GET", conversionPath("c2"), { body: { ...c, id: "c2" }, headers: { "retry-after": 3 } }, { body: { ...conversionSucceeded, id: "c2" } });
  await client.conversions.waitUntilDone("c2");
  assert.deepEqual(clock.sleeps.slice(3), [3_000]);
});

test("2021 answers with null hostname and zero ports parse, and the CLI shows no connection details for them", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const id = session2021Starting.id;
  server.enqueue("GET", sessionPath(id), { body: session2021Starting }, { body: session2021Ready });
  const seen: unknown[] = [];
  const ready = await client.sessions.waitUntilReady(id, { onProgress: (s) => seen.push(s.hostname) });
  assert.deepEqual(seen, [null, session2021Ready.hostname]);
  assert.deepEqual(clock.sleeps, [2_000]);
  const details = sessionDetails({ ...session2021Starting });
  assert.doesNotMatch(details, /Hostname|Handshake port|ArrInspector|teraflops/);
  assert.match(sessionDetails(ready), /Standard \(10\.6 teraflops\)/);
});

test("an error body with null target, details and innerError (2021) becomes an error without them", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server.enqueue("PUT", sessionPath("neg"), { status: 400, body: negativeLease2021 });
  const error = await client.sessions.create("neg", { size: "Standard", maxLeaseTimeMinutes: 0 }).catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 400));
  assert.equal(error.code, "BadRequest");
  assert.equal(error.message, "The maxLeaseTimeMinutes value cannot be negative.");
  assert.equal(error.target, undefined);
  assert.equal(error.innerError, undefined);
  assert.deepEqual(error.details, []);
});

test("the client sends Microsoft's script settings: empty blobPrefix and outputAssetFilename mean not set", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server.always("PUT", conversionPath("ps"), { status: 201, body: { ...conversion2024NotStarted, id: "ps" } });
  await client.conversions.create("ps", {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "robot.fbx", blobPrefix: "" },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out", blobPrefix: "", outputAssetFilename: "" },
  });
  const sent = server.requestsTo("PUT", conversionPath("ps"))[0]?.json<{ settings: { outputLocation: { outputAssetFilename: string } } }>();
  assert.equal(sent?.settings.outputLocation.outputAssetFilename, "");
  // A name that is set must still end in .arrAsset.
  await assert.rejects(
    client.conversions.create("ps", {
      inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "robot.fbx" },
      outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out", outputAssetFilename: "robot.fbx" },
    }),
    { name: "ValidationError", field: "outputLocation.outputAssetFilename", rule: "pattern" },
  );
});

test("a conversion list page with \"@nextLink\": null is the last page", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("GET", conversionsPath, { body: conversionList });
  const ids: string[] = [];
  for await (const c of client.conversions.list()) ids.push(c.id);
  assert.deepEqual(ids, ["recorded-conversion"]);
  assert.equal(server.requestsTo("GET", conversionsPath).length, 1);
});
