// Lifecycles on the manual clock: sessions Starting → Ready → Expired (or Error, or Stopped) with
// elapsedTimeMinutes counting Ready time only; conversions NotStarted → Running → Succeeded / Failed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TERAFLOPS } from "../../src/emulator/index.js";
import { assertConforms, conversionBody, sessionBody, startHarness, type Harness } from "./support.js";

interface Session {
  id: string;
  status: string;
  elapsedTimeMinutes?: number;
  maxLeaseTimeMinutes?: number;
  hostname?: string;
  handshakePort?: number;
  arrInspectorPort?: number;
  teraflops?: number;
  error?: { code: string; message: string } | null;
}
interface Conversion {
  status: string;
  error: { code: string } | null;
  output?: { outputAssetUri?: string };
  settings: { inputLocation: Record<string, string>; outputLocation: Record<string, string> };
}

let h: Harness;
// 5 s to Ready, 1 s emulated minutes, 10 s conversions.
before(async () => {
  h = await startHarness({ startupSeconds: 5, minuteSeconds: 1, conversionSeconds: 10, region: "westus2" });
});
after(() => h.close());

async function session(id: string): Promise<Session> {
  const a = await h.call("GET", `/sessions/${id}`);
  assert.equal(a.status, 200);
  assertConforms("getSession", a);
  return a.body as Session;
}

test("Starting → Ready after startupSeconds → Expired once Ready longer than the lease", async () => {
  const created = await h.call("PUT", "/sessions/life-1", sessionBody(3));
  assert.equal(created.status, 201);
  assert.deepEqual(
    { ...(created.body as Session), creationTime: undefined },
    // As the 2022/2024 service: no error key, no hostname, ports or teraflops while Starting.
    { id: "life-1", creationTime: undefined, elapsedTimeMinutes: 0, maxLeaseTimeMinutes: 3, size: "Standard", status: "Starting" },
  );
  h.clock.advance(4_999);
  assert.equal((await session("life-1")).status, "Starting");
  h.clock.advance(1);
  const ready = await session("life-1");
  assert.equal(ready.status, "Ready");
  assert.match(ready.hostname ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.remoterendering\.vm\.westus2\.mixedreality\.azure\.com$/);
  for (const port of [ready.handshakePort, ready.arrInspectorPort]) assert.ok(port !== undefined && port >= 49152 && port <= 65534);
  assert.ok(Math.abs((ready.handshakePort ?? 0) - (ready.arrInspectorPort ?? 0)) > 1, "ports not adjacent");
  assert.equal(ready.teraflops, 8.1);
  assert.equal(ready.elapsedTimeMinutes, 0);
  h.clock.advance(1_999);
  assert.equal((await session("life-1")).elapsedTimeMinutes, 1, "rounded down");
  h.clock.advance(1_001);
  const atEnd = await session("life-1");
  assert.deepEqual([atEnd.status, atEnd.elapsedTimeMinutes], ["Ready", 3], "exactly the lease: still Ready");
  h.clock.advance(1);
  const expired = await session("life-1");
  assert.deepEqual([expired.status, expired.elapsedTimeMinutes], ["Expired", 3]);
  // The server is gone: hostname and ports are dropped, the Ready minutes and teraflops kept (as after a stop).
  assert.deepEqual([expired.hostname, expired.handshakePort, expired.arrInspectorPort, expired.teraflops], [undefined, undefined, undefined, 8.1]);
  h.clock.advance(60_000);
  assert.equal((await session("life-1")).elapsedTimeMinutes, 3, "Ready time only");
  assert.equal((await h.call("PUT", "/sessions/life-1", sessionBody(3))).status, 409, "an ended id is never reused");
  assert.equal((await h.call("PATCH", "/sessions/life-1", { maxLeaseTimeMinutes: 10 })).status, 422);
});

test("an update while Starting is accepted and extends the lease", async () => {
  await h.call("PUT", "/sessions/life-2", sessionBody(1, "Premium"));
  const updated = await h.call("PATCH", "/sessions/life-2", { maxLeaseTimeMinutes: 2 });
  assert.equal(updated.status, 200);
  assert.deepEqual([(updated.body as Session).status, (updated.body as Session).maxLeaseTimeMinutes], ["Starting", 2]);
  h.clock.advance(5_000 + 1_500);
  const ready = await session("life-2");
  assert.deepEqual([ready.status, ready.teraflops], ["Ready", TERAFLOPS.Premium]);
  assert.equal((await h.call("PATCH", "/sessions/life-2", { maxLeaseTimeMinutes: 2 })).status, 422, "not greater");
  assert.equal((await h.call("PATCH", "/sessions/life-2", { maxLeaseTimeMinutes: 0 })).status, 422, "smaller");
  assert.equal((await h.call("PATCH", "/sessions/life-2", { maxLeaseTimeMinutes: 1440 })).status, 422, "less than 1440");
  assert.equal((await h.call("PATCH", "/sessions/life-2", { maxLeaseTimeMinutes: 1439 })).status, 200, "1439 allowed");
  assert.equal((await session("life-2")).status, "Ready");
});

test("stop: Starting → Stopped without connection details; Ready → Stopped keeps the Ready minutes", async () => {
  await h.call("PUT", "/sessions/life-3", sessionBody(10));
  assert.equal((await h.call("POST", "/sessions/life-3/:stop")).status, 204);
  const stopped = await session("life-3");
  assert.deepEqual([stopped.status, stopped.hostname, stopped.elapsedTimeMinutes], ["Stopped", undefined, 0]);
  h.clock.advance(10_000);
  assert.equal((await session("life-3")).status, "Stopped", "stays stopped past the startup time");

  await h.call("PUT", "/sessions/life-4", sessionBody(10));
  h.clock.advance(5_000 + 2_500);
  assert.equal((await h.call("POST", "/sessions/life-4/:stop")).status, 204);
  h.clock.advance(5_000);
  const later = await session("life-4");
  assert.deepEqual([later.status, later.elapsedTimeMinutes, later.teraflops], ["Stopped", 2, 8.1]);
  assert.deepEqual([later.hostname, later.handshakePort, later.arrInspectorPort], [undefined, undefined, undefined], "as recorded: dropped after a stop");
  assert.equal((await h.call("POST", "/sessions/life-4/:stop")).status, 204, "stopping again");
});

test("an id beginning with fail- ends in Error with SessionStartFailed", async () => {
  await h.call("PUT", "/sessions/fail-1", sessionBody(10));
  assert.equal((await session("fail-1")).status, "Starting");
  h.clock.advance(5_000);
  const failed = await session("fail-1");
  assert.equal(failed.status, "Error");
  assert.equal(failed.error?.code, "SessionStartFailed");
  assert.equal(failed.hostname, undefined);
  assert.equal(failed.elapsedTimeMinutes, 0);
  assert.equal((await h.call("POST", "/sessions/fail-1/:stop")).status, 204);
  assert.equal((await session("fail-1")).status, "Error", "an ended session stays as it ended");
});

test("the list shows only Starting and Ready sessions", async () => {
  await h.call("PUT", "/sessions/list-alive", sessionBody(10));
  await h.call("PUT", "/sessions/list-stopped", sessionBody(10));
  await h.call("POST", "/sessions/list-stopped/:stop");
  const list = await h.call("GET", "/sessions");
  assertConforms("listSessions", list);
  const ids = (list.body as { sessions: Session[] }).sessions.map((s) => s.id);
  assert.ok(ids.includes("list-alive"));
  for (const ended of ["list-stopped", "life-1", "life-3", "life-4", "fail-1"]) assert.ok(!ids.includes(ended), ended);
});

test("conversion: NotStarted for the first tenth, Running, then Succeeded with the output URI", async () => {
  const body = conversionBody("robot/robot.fbx", { blobPrefix: "robot", storageContainerReadListSas: "sv=SECRET-READ" }, {
    blobPrefix: "converted",
    storageContainerWriteSas: "sv=SECRET-WRITE",
  });
  const created = await h.call("PUT", "/conversions/conv-1", body);
  assert.equal(created.status, 201);
  assert.ok(!created.text.includes("SECRET"), "SAS never echoed");
  const settings = (created.body as Conversion).settings;
  assert.equal(settings.inputLocation["blobPrefix"], "robot/");
  assert.equal(settings.outputLocation["blobPrefix"], "converted/");
  assert.equal(settings.outputLocation["outputAssetFilename"], "robot.arrAsset");
  const retried = conversionBody("robot/robot.fbx", { blobPrefix: "robot/", storageContainerReadListSas: "sv=OTHER" }, { blobPrefix: "converted/" });
  assert.equal((await h.call("PUT", "/conversions/conv-1", retried)).status, 200, "SAS ignored, prefixes normalised");

  const get = async () => {
    const a = await h.call("GET", "/conversions/conv-1");
    assertConforms("getConversion", a);
    return { ...(a.body as Conversion), retryAfter: a.headers.get("retry-after") };
  };
  assert.equal((await get()).status, "NotStarted");
  h.clock.advance(999);
  assert.equal((await get()).status, "NotStarted");
  h.clock.advance(1);
  const running = await get();
  assert.equal(running.status, "Running");
  assert.equal(running.retryAfter, null, "no Retry-After unless conversionRetryAfter: the service never sent one");
  h.clock.advance(9_000);
  const done = await get();
  assert.equal(done.status, "Succeeded");
  assert.equal(done.output?.outputAssetUri, "https://contoso.blob.core.windows.net/output/converted/robot.arrAsset");
  assert.equal(done.error, null);
});

test("conversion of an input whose name contains 'missing' fails with InputContainerError", async () => {
  await h.call("PUT", "/conversions/conv-missing", conversionBody("models/missing.gltf", {}, { outputAssetFilename: "x.arrAsset" }));
  h.clock.advance(10_000);
  const a = await h.call("GET", "/conversions/conv-missing");
  const c = a.body as Conversion;
  assert.deepEqual([c.status, c.error?.code, c.output], ["Failed", "InputContainerError", undefined]);
  assert.equal(c.settings.outputLocation["outputAssetFilename"], "x.arrAsset");
});
