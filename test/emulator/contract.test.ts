// Contract: every operation's success and error cases, each answer checked against the spec (status
// listed for the operation, required headers, body schema), and every operation of the spec covered.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { constraints } from "../../generated/constraints.js";
import { ACCOUNT, API, KEY, STS_API, reply, assertConforms, conversionBody, sessionBody, startHarness, type Reply, type Harness } from "./support.js";

let h: Harness;
const covered = new Map<string, Set<number>>();

function check(operationId: string, a: Reply, status: number): Reply {
  assert.equal(a.status, status, `${operationId}: expected ${status}, got ${a.status} ${a.text}`);
  assertConforms(operationId, a);
  let statuses = covered.get(operationId);
  if (statuses === undefined) covered.set(operationId, (statuses = new Set()));
  statuses.add(status);
  return a;
}

before(async () => {
  h = await startHarness({ startupSeconds: 5, minuteSeconds: 1, conversionSeconds: 10, throttle: 1000 });
});
after(() => h.close());

test("createSession: 201, 200, 409, 400, 401, 403, 415, 413", async () => {
  const other = await h.token();
  check("createSession", await h.call("PUT", "/sessions/contract-1", sessionBody(10)), 201);
  check("createSession", await h.call("PUT", "/sessions/contract-1", sessionBody(10)), 200);
  check("createSession", await h.call("PUT", "/sessions/contract-1", sessionBody(11)), 409);
  check("createSession", await h.call("PUT", "/sessions/contract-2", sessionBody(1441)), 400);
  check("createSession", await h.call("PUT", "/sessions/contract-2", { maxLeaseTimeMinutes: 1 }), 400);
  check("createSession", await h.call("PUT", "/sessions/contract-2", sessionBody(1), { token: "nope" }), 401);
  check("createSession", await h.call("PUT", "/sessions/contract-2", sessionBody(1), { account: "00000000-0000-4000-8000-000000000000", token: other }), 403);
  const wrongType = await fetch(`${h.url}/accounts/${ACCOUNT}/sessions/contract-2?${API}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${other}`, "Content-Type": "text/plain" },
    body: "{}",
  });
  check("createSession", await reply(wrongType), 415);
  const big = await fetch(`${h.url}/accounts/${ACCOUNT}/sessions/contract-2?${API}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${other}`, "Content-Type": "application/json" },
    body: JSON.stringify({ pad: "x".repeat(70_000) }),
  });
  check("createSession", await reply(big), 413);
});

test("getSession: 200 (Starting, Ready), 404, 400 for a bad id or api-version", async () => {
  await h.call("PUT", "/sessions/contract-get", sessionBody(10));
  check("getSession", await h.call("GET", "/sessions/contract-get"), 200);
  h.clock.advance(5_000);
  const ready = check("getSession", await h.call("GET", "/sessions/contract-get"), 200);
  assert.equal((ready.body as { status: string }).status, "Ready");
  check("getSession", await h.call("GET", "/sessions/nobody-here"), 404);
  check("getSession", await h.call("GET", "/sessions/bad.id"), 400);
  const noVersion = await fetch(`${h.url}/accounts/${ACCOUNT}/sessions/contract-get`, { headers: { Authorization: `Bearer ${await h.token()}` } });
  check("getSession", await reply(noVersion), 400);
});

test("updateSession: 200, 422, 404, 400", async () => {
  await h.call("PUT", "/sessions/contract-update", sessionBody(10));
  check("updateSession", await h.call("PATCH", "/sessions/contract-update", { maxLeaseTimeMinutes: 20 }), 200);
  check("updateSession", await h.call("PATCH", "/sessions/contract-update", { maxLeaseTimeMinutes: 20 }), 422);
  check("updateSession", await h.call("PATCH", "/sessions/contract-update", { maxLeaseTimeMinutes: 1441 }), 422);
  check("updateSession", await h.call("PATCH", "/sessions/contract-missing", { maxLeaseTimeMinutes: 20 }), 404);
  check("updateSession", await h.call("PATCH", "/sessions/contract-update", { maxLeaseTimeMinutes: "30" }), 400);
});

test("stopSession: 204, 204 again, 404, no body needed", async () => {
  await h.call("PUT", "/sessions/contract-stop", sessionBody(10));
  check("stopSession", await h.call("POST", "/sessions/contract-stop/:stop"), 204);
  check("stopSession", await h.call("POST", "/sessions/contract-stop/:stop"), 204);
  check("stopSession", await h.call("POST", "/sessions/contract-nobody/:stop"), 404);
  const stopped = check("getSession", await h.call("GET", "/sessions/contract-stop"), 200);
  assert.equal((stopped.body as { status: string }).status, "Stopped");
});

test("listSessions: 200, 401", async () => {
  check("listSessions", await h.call("GET", "/sessions"), 200);
  check("listSessions", await h.call("GET", "/sessions", undefined, { token: "" }), 401);
});

test("createConversion: 201, 200, 409, 400", async () => {
  check("createConversion", await h.call("PUT", "/conversions/contract-c1", conversionBody()), 201);
  check("createConversion", await h.call("PUT", "/conversions/contract-c1", conversionBody()), 200);
  check("createConversion", await h.call("PUT", "/conversions/contract-c1", conversionBody("other.fbx")), 409);
  check("createConversion", await h.call("PUT", "/conversions/contract-c2", conversionBody("a.fbx", {}, { outputAssetFilename: "a.glb" })), 400);
  check("createConversion", await h.call("PUT", "/conversions/contract-c2", { settings: { inputLocation: {} } }), 400);
});

// Retry-After is optional here ("may be sent"): the emulator sends it only with conversionRetryAfter (test/fidelity).
test("getConversion: 200 through NotStarted, Running, Succeeded and Failed; 404", async () => {
  await h.call("PUT", "/conversions/contract-get", conversionBody());
  await h.call("PUT", "/conversions/contract-missing", conversionBody("robot/missing.fbx"));
  check("getConversion", await h.call("GET", "/conversions/contract-get"), 200);
  h.clock.advance(1_000);
  check("getConversion", await h.call("GET", "/conversions/contract-get"), 200);
  h.clock.advance(9_000);
  check("getConversion", await h.call("GET", "/conversions/contract-get"), 200);
  check("getConversion", await h.call("GET", "/conversions/contract-missing"), 200);
  check("getConversion", await h.call("GET", "/conversions/contract-none"), 404);
});

test("listConversions: 200, 403", async () => {
  check("listConversions", await h.call("GET", "/conversions"), 200);
  const t = await h.token();
  check("listConversions", await h.call("GET", "/conversions", undefined, { account: "00000000-0000-4000-8000-000000000000", token: t }), 403);
});

test("getToken: 200, 401 (no credential, wrong key), 400 (malformed, api-version)", async () => {
  const sts = (headers: Record<string, string>, query = STS_API) => fetch(`${h.url}/Accounts/${ACCOUNT}/token?${query}`, { headers }).then(reply);
  check("getToken", await sts({ Authorization: `Bearer ${ACCOUNT}:${KEY}` }), 200);
  check("getToken", await sts({}), 401);
  check("getToken", await sts({ Authorization: `Bearer ${ACCOUNT}:wrong` }), 401);
  check("getToken", await sts({ Authorization: `Basic abc` }), 400);
  check("getToken", await sts({ Authorization: `Bearer ${ACCOUNT}:${KEY}` }, "api-version=2020-01-01"), 400);
});

test("throttled answers conform (429 with Retry-After)", async () => {
  const t = await startHarness({ throttle: 1 });
  try {
    check("getSession", await t.call("GET", "/sessions/throttled"), 404);
    check("getSession", await t.call("GET", "/sessions/throttled"), 429);
  } finally {
    await t.close();
  }
});

test("every operation of the spec was exercised with a success and an error", () => {
  for (const operationId of [...Object.keys(constraints.operations), "getToken"]) {
    const statuses = [...(covered.get(operationId) ?? [])];
    assert.ok(statuses.some((s) => s < 300), `${operationId}: no success case`);
    assert.ok(statuses.some((s) => s >= 400), `${operationId}: no error case`);
  }
});

test("the checker itself rejects answers the spec does not allow", () => {
  const fake = (status: number, body: unknown, headers: Record<string, string> = { "MS-CV": "x.1", "Content-Type": "application/json" }): Reply => ({
    status,
    headers: new Headers(headers),
    text: body === undefined ? "" : JSON.stringify(body),
    body,
  });
  assert.throws(() => assertConforms("getSession", fake(200, { id: "a", size: "Huge", status: "Ready" })));
  assert.throws(() => assertConforms("getSession", fake(200, { id: "a", size: "Standard", status: "Ready" }, { "Content-Type": "application/json" })));
  assert.throws(() => assertConforms("getSession", fake(401, { error: { code: "x", message: "y" } })));
  assert.throws(() => assertConforms("getConversion", fake(200, { id: "c", status: "Running", error: null, creationTime: "2021-01-01T00:00:00Z", settings: {} })));
  assert.throws(() => assertConforms("stopSession", fake(409, { error: { message: "no code" } })));
});
