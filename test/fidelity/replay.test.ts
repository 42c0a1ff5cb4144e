// Replays the exchanges of the reference (observed-service.md) against the emulator: status, the recorded
// headers, body keys and JSON types (compared with the hand-built recordings in recorded.ts), and the values
// the reference pins down.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { storageAccountOf } from "../../src/emulator/index.js";
import { ACCOUNT, reply, assertConforms, KEY, startHarness, type Reply, type Harness } from "../emulator/support.js";
import {
  API_SUPPORTED_VERSIONS,
  CONVERSION_TIME,
  conversion2024Failed,
  conversion2024NotStarted,
  conversionSucceeded,
  hostnameIn,
  INPUT_MISSING_MESSAGE,
  JSON_UTF8,
  linkedStorageFailure,
  MS_CV,
  negativeLease2024,
  powershellCreateConversion,
  session2024Ready,
  session2024Starting,
  session2024Stopped,
  SESSION_TIME,
  shapeOf,
} from "./recorded.js";

const STARTUP_MS = 10_000; // "about 10 s later GET returns Ready"
const CONVERSION_MS = 100_000; // NotStarted ~10 s, Failed ~100 s

let h: Harness;
before(async () => {
  // Nothing linked: as the service's default. Tests that need linked storage start their own emulator.
  h = await startHarness({ region: "eastus2", startupSeconds: STARTUP_MS / 1000, conversionSeconds: CONVERSION_MS / 1000, linkedStorage: [] });
});
after(() => h.close());

/** The headers every ARR answer carried; GETs of one resource and of the session list add the no-cache pair. */
function assertRecordedHeaders(a: Reply, what: string, kind: { cached?: "no-cache"; body?: boolean; sts?: boolean } = {}): void {
  assert.match(a.headers.get("ms-cv") ?? "", MS_CV, `${what}: MS-CV`);
  assert.equal(a.headers.get("x-content-type-options"), "nosniff", `${what}: X-Content-Type-Options`);
  assert.equal(a.headers.get("api-supported-versions"), kind.sts ? null : API_SUPPORTED_VERSIONS, `${what}: api-supported-versions`);
  assert.equal(a.headers.get("content-type"), kind.body === false ? null : JSON_UTF8, `${what}: Content-Type`);
  assert.equal(a.headers.get("location"), null, `${what}: no Location anywhere`);
  if (kind.cached === "no-cache") {
    assert.equal(a.headers.get("cache-control"), "no-store, no-cache", `${what}: Cache-Control`);
    assert.equal(a.headers.get("pragma"), "no-cache", `${what}: Pragma`);
  }
}

const sasBody = (path: string, input: Record<string, unknown> = {}, output: Record<string, unknown> = {}) => ({
  settings: {
    inputLocation: { storageContainerUri: "https://arrteststorage.blob.core.windows.net/test", relativeInputAssetPath: path, blobPrefix: "Input", storageContainerReadListSas: "sv=2020-08-04&sp=rl&sig=READSECRET", ...input },
    outputLocation: { storageContainerUri: "https://arrteststorage.blob.core.windows.net/test", blobPrefix: "Output", storageContainerWriteSas: "sv=2020-08-04&sp=rwdl&sig=WRITESECRET", ...output },
  },
});

test("session lifecycle (2024): 201 Starting → PATCH while Starting → Ready → :stop 204 → Stopped, as recorded", async () => {
  const created = await h.call("PUT", "/sessions/recorded-session", { maxLeaseTimeMinutes: 4, size: "Standard" });
  assert.equal(created.status, 201);
  assertRecordedHeaders(created, "PUT session");
  assert.equal(created.headers.get("cache-control"), null, "PUT answers carry no Cache-Control");
  assert.deepEqual(shapeOf(created.body), shapeOf(session2024Starting), "Starting: no hostname, ports, teraflops or error");
  const body = created.body as typeof session2024Starting;
  assert.match(body.creationTime, SESSION_TIME);
  assert.deepEqual([body.status, body.elapsedTimeMinutes, body.maxLeaseTimeMinutes], ["Starting", 0, 4]);
  assertConforms("createSession", created);

  const starting = await h.call("GET", "/sessions/recorded-session");
  assertRecordedHeaders(starting, "GET Starting", { cached: "no-cache" });
  assert.deepEqual(shapeOf(starting.body), shapeOf(session2024Starting));

  const patched = await h.call("PATCH", "/sessions/recorded-session", { maxLeaseTimeMinutes: 5 });
  assert.equal(patched.status, 200, "PATCH while Starting is accepted");
  assertRecordedHeaders(patched, "PATCH");

  h.clock.advance(STARTUP_MS);
  const ready = await h.call("GET", "/sessions/recorded-session");
  assertRecordedHeaders(ready, "GET Ready", { cached: "no-cache" });
  assert.deepEqual(shapeOf(ready.body), shapeOf(session2024Ready));
  const r = ready.body as typeof session2024Ready;
  assert.equal(r.status, "Ready");
  assert.match(r.hostname, hostnameIn("eastus2"));
  assert.equal(r.teraflops, 8.1, "Standard teraflops as recorded in 2022 and 2024");
  assert.equal(r.elapsedTimeMinutes, 0);
  for (const port of [r.handshakePort, r.arrInspectorPort]) assert.ok(port >= 49152 && port <= 65534, String(port));
  assert.ok(Math.abs(r.handshakePort - r.arrInspectorPort) > 1, "handshake and inspector ports are not adjacent");
  assertConforms("getSession", ready);

  const stop = await h.call("POST", "/sessions/recorded-session/:stop");
  assert.equal(stop.status, 204);
  assert.equal(stop.text, "");
  assertRecordedHeaders(stop, "POST :stop", { body: false });

  const stopped = await h.call("GET", "/sessions/recorded-session");
  assert.deepEqual(shapeOf(stopped.body), shapeOf(session2024Stopped), "Stopped: hostname and ports dropped");
  const s = stopped.body as typeof session2024Stopped;
  assert.deepEqual([s.status, s.elapsedTimeMinutes, s.teraflops], ["Stopped", 0, 8.1]);
});

test("PUT with maxLeaseTimeMinutes -4 → 400 with exactly the recorded body", async () => {
  const a = await h.call("PUT", "/sessions/negative", { maxLeaseTimeMinutes: -4, size: "Standard" });
  assert.equal(a.status, 400);
  assertRecordedHeaders(a, "400");
  assert.deepEqual(a.body, negativeLease2024);
});

test("size as Microsoft's PowerShell sends it (standard) is answered Standard; an unknown size stays a 400", async () => {
  const a = await h.call("PUT", "/sessions/lower-case", { maxLeaseTimeMinutes: 4, size: "standard" });
  assert.equal(a.status, 201, a.text);
  assert.equal((a.body as { size: string }).size, "Standard");
  assert.equal((await h.call("PUT", "/sessions/lower-case", { maxLeaseTimeMinutes: 4, size: "STANDARD" })).status, 200, "the same settings");
  const tiny = await h.call("PUT", "/sessions/tiny", { maxLeaseTimeMinutes: 4, size: "Tiny" });
  assert.equal(tiny.status, 400);
  assert.equal((tiny.body as { error: { target?: string } }).error.target, "size");
});

test("request bodies are open: extra fields are ignored, not refused", async () => {
  const a = await h.call("PUT", "/sessions/extra", { maxLeaseTimeMinutes: 4, size: "Premium", color: "red" });
  assert.equal(a.status, 201, a.text);
  assert.ok(!("color" in (a.body as object)));
  assert.equal((await h.call("PATCH", "/sessions/extra", { maxLeaseTimeMinutes: 5, reason: "x" })).status, 200);
});

test("api-version 2021-01-01-preview is accepted; other versions are not", async () => {
  const token = await h.token();
  const list = (version: string) =>
    fetch(`${h.url}/accounts/${ACCOUNT}/sessions?api-version=${version}`, { headers: { Authorization: `Bearer ${token}` } }).then(reply);
  assert.equal((await list("2021-01-01-preview")).status, 200);
  assert.equal((await list("2021-01-01")).status, 200);
  assert.equal((await list("2021-08-01-preview")).status, 400);
});

test("conversion with SAS (2024): 201 NotStarted, Input → Input/, name filled in, no SAS echoed; Succeeded with the output URI", async () => {
  const created = await h.call("PUT", "/conversions/recorded-conversion", sasBody("testBox.fbx"));
  assert.equal(created.status, 201, created.text);
  assertRecordedHeaders(created, "PUT conversion");
  assert.ok(!created.text.includes("SECRET"), "SAS never echoed");
  assert.deepEqual(shapeOf(created.body), shapeOf(conversion2024NotStarted));
  const c = created.body as typeof conversion2024NotStarted;
  assert.deepEqual(c.settings, conversion2024NotStarted.settings);
  assert.deepEqual([c.status, c.error], ["NotStarted", null]);
  assert.match(c.creationTime, CONVERSION_TIME);

  const get = await h.call("GET", "/conversions/recorded-conversion");
  assertRecordedHeaders(get, "GET conversion", { cached: "no-cache" });
  assert.equal(get.headers.get("retry-after"), null, "no Retry-After on Get Conversion in any recording");
  assertConforms("getConversion", get);

  h.clock.advance(CONVERSION_MS);
  const done = await h.call("GET", "/conversions/recorded-conversion");
  assert.deepEqual(shapeOf(done.body), shapeOf(conversionSucceeded));
  assert.deepEqual((done.body as typeof conversionSucceeded).output, conversionSucceeded.output);
  assert.equal(done.headers.get("retry-after"), null);
});

test("a missing input asset: 201, then Failed with InputContainerError and the recorded message", async () => {
  const created = await h.call("PUT", "/conversions/missing-asset", sasBody("boxWhichDoesNotExist_missing.fbx"));
  assert.equal(created.status, 201, "the create itself succeeds");
  h.clock.advance(CONVERSION_MS / 10);
  assert.equal(((await h.call("GET", "/conversions/missing-asset")).body as { status: string }).status, "Running");
  h.clock.advance(CONVERSION_MS);
  const failed = await h.call("GET", "/conversions/missing-asset");
  assert.deepEqual(shapeOf(failed.body), shapeOf(conversion2024Failed));
  assert.deepEqual((failed.body as { error: unknown }).error, { code: "InputContainerError", message: INPUT_MISSING_MESSAGE });
});

test("no SAS on a storage account that is not linked → 403 LinkedStorageAccessFailure, exactly as recorded", async () => {
  const noInputSas = sasBody("testBox.fbx", { storageContainerReadListSas: undefined });
  const noOutputSas = sasBody("testBox.fbx", {}, { storageContainerWriteSas: "" });
  for (const [what, body] of [["input", noInputSas], ["output", noOutputSas]] as const) {
    const a = await h.call("PUT", `/conversions/unlinked-${what}`, JSON.parse(JSON.stringify(body)));
    assert.equal(a.status, 403, `${what}: ${a.text}`);
    assertRecordedHeaders(a, "403");
    assert.deepEqual(a.body, linkedStorageFailure);
    assertConforms("createConversion", a);
  }
  assert.equal((await h.call("GET", "/conversions/unlinked-input")).status, 404, "nothing was created");
});

test("linked storage: `linkedStorage` lets conversions go without SAS, by account name in both URL styles", async (t) => {
  const linked = await startHarness({ linkedStorage: ["contoso", "devstoreaccount1"] });
  t.after(() => linked.close());
  const body = (input: string, output: string) => ({
    settings: { inputLocation: { storageContainerUri: input, relativeInputAssetPath: "robot.fbx" }, outputLocation: { storageContainerUri: output } },
  });
  assert.equal((await linked.call("PUT", "/conversions/blob-style", body("https://contoso.blob.core.windows.net/in", "https://CONTOSO.blob.core.windows.net/out"))).status, 201);
  assert.equal((await linked.call("PUT", "/conversions/path-style", body("http://127.0.0.1:10000/devstoreaccount1/in", "http://localhost:10000/devstoreaccount1/out"))).status, 201);
  const other = await linked.call("PUT", "/conversions/other", body("https://contoso.blob.core.windows.net/in", "https://fabrikam.blob.core.windows.net/out"));
  assert.equal(other.status, 403, "the output account is not linked");
  assert.equal(storageAccountOf("https://arrteststorage.blob.core.windows.net/test"), "arrteststorage");
  assert.equal(storageAccountOf("http://127.0.0.1:10000/devstoreaccount1/container"), "devstoreaccount1");
  assert.equal(storageAccountOf("http://[::1]:10000/devstoreaccount1/container"), "devstoreaccount1");
});

test("Microsoft's PowerShell conversion body: empty blobPrefix and outputAssetFilename mean not set; extra fields ignored", async () => {
  const a = await h.call("PUT", "/conversions/powershell", powershellCreateConversion);
  assert.equal(a.status, 201, a.text);
  const { inputLocation, outputLocation } = (a.body as { settings: { inputLocation: Record<string, unknown>; outputLocation: Record<string, unknown> } }).settings;
  assert.equal("blobPrefix" in inputLocation, false);
  assert.equal("blobPrefix" in outputLocation, false);
  assert.equal(outputLocation["outputAssetFilename"], "robot.arrAsset", "defaulted from the input's name");
});

test("conversionRetryAfter: true sends Retry-After on Get Conversion (off by default)", async (t) => {
  const withHeader = await startHarness({ conversionRetryAfter: true, conversionSeconds: 10 });
  t.after(() => withHeader.close());
  assert.equal((await withHeader.call("PUT", "/conversions/c", sasBody("robot.fbx"))).status, 201);
  const a = await withHeader.call("GET", "/conversions/c");
  assert.equal(a.headers.get("retry-after"), "1");
});

test("lists end with \"@nextLink\": null; a next page is linked at the Host the request came to", async (t) => {
  const conversions = await h.call("GET", "/conversions");
  assertRecordedHeaders(conversions, "GET conversions");
  assert.equal((conversions.body as { "@nextLink": unknown })["@nextLink"], null, "2021 and 2024: null on the last page");
  const sessions = await h.call("GET", "/sessions");
  assertRecordedHeaders(sessions, "GET sessions", { cached: "no-cache" });
  assert.equal((sessions.body as { "@nextLink": unknown })["@nextLink"], null);

  const paged = await startHarness();
  t.after(() => paged.close());
  for (let i = 0; i < 51; i++) assert.equal((await paged.call("PUT", `/sessions/p${i}`, { maxLeaseTimeMinutes: 4, size: "Standard" })).status, 201);
  const token = await paged.token();
  const { port } = new URL(paged.url);
  // The client reached the emulator as `localhost` (or through a proxy): the next page is at that host.
  const viaHost = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: `/accounts/${ACCOUNT}/sessions?api-version=2021-01-01-preview`, headers: { Host: `localhost:${port}`, Authorization: `Bearer ${token}` } },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject).end();
  });
  assert.equal(viaHost.status, 200);
  const next = (JSON.parse(viaHost.body) as { "@nextLink": string })["@nextLink"];
  assert.ok(next.startsWith(`http://localhost:${port}/accounts/${ACCOUNT}/sessions?`), next);
  assert.equal(new URL(next).searchParams.get("api-version"), "2021-01-01-preview", "the request's api-version");
});

test("STS as the docs call it: /accounts/<id>/token without api-version; whole-second iat/exp 86400 apart", async () => {
  for (const path of [`/accounts/${ACCOUNT}/token`, `/Accounts/${ACCOUNT}/token?api-version=2019-02-28-preview`]) {
    const a = await reply(await fetch(`${h.url}${path}`, { headers: { Authorization: `Bearer ${ACCOUNT}:${KEY}` } }));
    assert.equal(a.status, 200, `${path}: ${a.text}`);
    assertRecordedHeaders(a, path, { cached: "no-cache", sts: true });
    assert.deepEqual(Object.keys(a.body as object), ["AccessToken"]);
    const claims = JSON.parse(Buffer.from(((a.body as { AccessToken: string }).AccessToken.split(".")[1] ?? ""), "base64url").toString()) as { iat: unknown; exp: unknown };
    assert.ok(Number.isInteger(claims.iat) && Number.isInteger(claims.exp), JSON.stringify(claims));
    assert.equal((claims.exp as number) - (claims.iat as number), 86400);
  }
});

test("MS-CV is fresh on every answer", async () => {
  const values = new Set<string>();
  for (let i = 0; i < 5; i++) values.add((await h.call("GET", "/sessions")).headers.get("ms-cv") ?? "");
  assert.equal(values.size, 5);
});
