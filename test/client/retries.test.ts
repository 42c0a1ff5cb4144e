// Retries: 429 waits Retry-After as given; 5xx and connection resets back off with full jitter, bounded;
// a retried body is resent intact; aborts end waits at once; a retried update's 422 is settled by a get.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isRemoteRenderingError } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { createFakeClock } from "../support/fake-clock.js";
import { clientFor, errorBody, session, sessionPath } from "../support/arr-fixtures.js";

test("429 waits its Retry-After (seconds or HTTP date), as given even beyond maxDelayMs", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server, { retry: { maxDelayMs: 1000 } });
  const inTwoMinutes = new Date(clock.now() + 120_000).toUTCString();
  server.enqueue(
    "GET",
    sessionPath("s1"),
    { status: 429, headers: { "retry-after": 7 } },
    { status: 429, headers: { "retry-after": inTwoMinutes } },
    { body: session("s1", "Ready") },
  );
  assert.equal((await client.sessions.get("s1")).status, "Ready");
  // The date is read against the client's clock, which the first wait moved on by 7 s.
  assert.deepEqual(clock.sleeps, [7000, 113_000]);
  assert.equal(server.requests.length, 3);
});

test("429 without Retry-After backs off like a 5xx", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  server.enqueue("GET", sessionPath("s1"), { status: 429 }, { body: session("s1", "Ready") });
  await client.sessions.get("s1");
  assert.deepEqual(clock.sleeps, [250]);
});

test("500, 502, 503 and 504 back off exponentially with full jitter, bounded by maxRetries", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server); // random() = 0.5: half of each cap
  server.enqueue("GET", sessionPath("s1"), { status: 500 }, { status: 502 }, { status: 504 }, { body: session("s1", "Ready") });
  await client.sessions.get("s1");
  assert.deepEqual(clock.sleeps, [250, 500, 1000]);

  server.always("GET", sessionPath("s2"), { status: 503, body: errorBody("ServiceUnavailable", "try later") });
  const error = await client.sessions.get("s2").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 503));
  assert.equal(error.message, "try later");
  assert.equal(server.requestsTo("GET", sessionPath("s2")).length, 4, "1 attempt + 3 retries");
});

test("backoff never exceeds min(maxDelayMs, initialDelayMs · 2^n), whatever the jitter", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  for (const random of [() => 0, () => 0.999_999, Math.random]) {
    const clock = createFakeClock();
    const { client } = clientFor(server, { clock, random, retry: { maxRetries: 6, initialDelayMs: 100, maxDelayMs: 1000 } });
    server.reset();
    server.always("GET", sessionPath("s1"), { status: 503 });
    await assert.rejects(client.sessions.get("s1"));
    assert.equal(clock.sleeps.length, 6);
    clock.sleeps.forEach((ms, n) => {
      assert.ok(ms >= 0 && ms <= Math.min(1000, 100 * 2 ** n), `sleep ${n} = ${ms}`);
    });
  }
});

test("client errors are not retried", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  for (const status of [400, 403, 404, 409, 413, 415]) {
    server.reset();
    server.always("PUT", sessionPath("s1"), { status, body: errorBody("X", "no") });
    await assert.rejects(client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: 5 }), (e: unknown) => isRemoteRenderingError(e, status));
    assert.equal(server.requests.length, 1, `status ${status}`);
  }
  assert.deepEqual(clock.sleeps, []);
});

test("retry: false makes one attempt", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server.always("GET", sessionPath("s1"), { status: 503 });
  await assert.rejects(client.sessions.get("s1"), (e: unknown) => isRemoteRenderingError(e, 503));
  assert.equal(server.requests.length, 1);
});

test("a reset connection and a body cut off mid-way are retried; a retried PUT resends the same body", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  server.enqueue("PUT", sessionPath("s1"), { fault: "reset" }, { fault: "cut-body", body: session("s1", "Starting") }, { status: 201, body: session("s1", "Starting") });
  const created = await client.sessions.create("s1", { size: "Premium", maxLeaseTimeMinutes: 30 });
  assert.equal(created.size, "Standard"); // what the script answered
  assert.equal(server.requests.length, 3);
  for (const r of server.requests) assert.deepEqual(r.json(), { size: "Premium", maxLeaseTimeMinutes: 30 });
  assert.deepEqual(clock.sleeps, [250, 500]);

  server.always("GET", sessionPath("s2"), { fault: "reset" });
  const error = await client.sessions.get("s2").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 0));
  assert.equal(error.code, "NetworkError");
  assert.equal(server.requestsTo("GET", sessionPath("s2")).length, 4);
});

test("an abort during a backoff wait rejects at once with the signal's reason", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const clock = createFakeClock({ auto: false });
  const { client } = clientFor(server, { clock });
  server.always("GET", sessionPath("s1"), { status: 429, headers: { "retry-after": 3600 } });
  const controller = new AbortController();
  const sleeping = clock.nextSleep();
  const pending = client.sessions.get("s1", { signal: controller.signal });
  assert.equal(await sleeping, 3_600_000);
  const reason = new Error("enough");
  controller.abort(reason);
  await assert.rejects(pending, (e: unknown) => e === reason);
  assert.equal(clock.pending, 0);
  assert.equal(server.requests.length, 1);
});

test("a retried update that gets 422 is settled by a get: the lease already has the value", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  // The first PATCH was applied but its answer lost (503); the retry is refused as not greater.
  server.enqueue("PATCH", sessionPath("s1"), { status: 503 }, { status: 422, body: errorBody("UnprocessableEntity", "The request was malformed.") });
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Ready", { maxLeaseTimeMinutes: 90 }) });
  const updated = await client.sessions.update("s1", { maxLeaseTimeMinutes: 90 });
  assert.equal(updated.maxLeaseTimeMinutes, 90);
  assert.deepEqual(server.requests.map((r) => r.method), ["PATCH", "PATCH", "GET"]);

  // The same, but the lease is not what was asked: the 422 stands.
  server.reset();
  server.enqueue("PATCH", sessionPath("s1"), { status: 503 }, { status: 422, body: errorBody("UnprocessableEntity", "The request was malformed.") });
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Ready", { maxLeaseTimeMinutes: 120 }) });
  await assert.rejects(client.sessions.update("s1", { maxLeaseTimeMinutes: 90 }), (e: unknown) => isRemoteRenderingError(e, 422));

  // A first-attempt 422 is the answer: no get.
  server.reset();
  server.enqueue("PATCH", sessionPath("s1"), { status: 422, body: errorBody("UnprocessableEntity", "The request was malformed.") });
  await assert.rejects(client.sessions.update("s1", { maxLeaseTimeMinutes: 90 }), (e: unknown) => isRemoteRenderingError(e, 422));
  assert.deepEqual(server.requests.map((r) => r.method), ["PATCH"]);
});

test("stop is retried and a 204 after a retry is success", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("POST", `${sessionPath("s1")}/:stop`, { status: 500 }, { status: 204 });
  await client.sessions.stop("s1");
  assert.equal(server.requests.length, 2);
});
