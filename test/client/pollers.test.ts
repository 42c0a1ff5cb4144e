// Pollers: waitUntilReady through Starting → Ready and → Error/Expired/Stopped; waitUntilDone through
// NotStarted → Running → Succeeded/Failed/Cancelled; intervals, Retry-After, 429s and aborts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConversionFailedError, isRemoteRenderingError, SessionEndedError, type Conversion, type Session } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { createFakeClock } from "../support/fake-clock.js";
import { clientFor, conversion, conversionPath, session, sessionPath } from "../support/arr-fixtures.js";

test("waitUntilReady polls a Standard session every 2 s through Starting to Ready", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Starting") }, { body: session("s1", "Starting") }, { body: session("s1", "Ready") });
  const seen: string[] = [];
  const ready = await client.sessions.waitUntilReady("s1", { onProgress: (s) => seen.push(s.status) });
  assert.equal(ready.status, "Ready");
  assert.equal(ready.handshakePort, 50051);
  assert.deepEqual(seen, ["Starting", "Starting", "Ready"]);
  assert.deepEqual(clock.sleeps, [2000, 2000]);
});

test("Premium sessions are polled every 10 s; intervalMs and a Retry-After override the default", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  server.enqueue("GET", sessionPath("p1"), { body: session("p1", "Starting", { size: "Premium" }) }, { body: session("p1", "Ready", { size: "Premium" }) });
  await client.sessions.waitUntilReady("p1");
  assert.deepEqual(clock.sleeps, [10_000]);

  server.enqueue("GET", sessionPath("s2"), { body: session("s2", "Starting") }, { body: session("s2", "Starting"), headers: { "retry-after": 4 } }, { body: session("s2", "Ready") });
  await client.sessions.waitUntilReady("s2", { intervalMs: 500 });
  assert.deepEqual(clock.sleeps, [10_000, 500, 4000]);
});

test("a session that ends in Error rejects with SessionEndedError carrying the last session", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  const failed = session("fail-1", "Error", { error: { code: "SessionStartFailed", message: "The session failed to start." } });
  server.enqueue("GET", sessionPath("fail-1"), { body: session("fail-1", "Starting") }, { body: failed, headers: { "ms-cv": "cv-err" } });
  const seen: Session[] = [];
  const error = await client.sessions.waitUntilReady("fail-1", { onProgress: (s) => seen.push(s) }).catch((e: unknown) => e);
  assert.ok(error instanceof SessionEndedError);
  assert.deepEqual(error.session, failed);
  assert.equal(error.code, "SessionStartFailed");
  assert.equal(error.correlationVector, "cv-err");
  assert.equal(error.operation, "getSession");
  assert.match(error.message, /fail-1 ended with status Error.*failed to start/);
  assert.deepEqual(seen.map((s) => s.status), ["Starting", "Error"]);
});

test("Expired and Stopped end the wait too, with codes of their own", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  for (const status of ["Expired", "Stopped"]) {
    server.enqueue("GET", sessionPath("s1"), { body: session("s1", status) });
    await assert.rejects(client.sessions.waitUntilReady("s1"), (e: unknown) => e instanceof SessionEndedError && e.code === `Session${status}` && e.session.status === status);
  }
});

test("a 429 that outlasts the retries is waited out by the poller; a 404 ends the wait", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server, { retry: false });
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Starting") }, { status: 429, headers: { "retry-after": 15 } }, { body: session("s1", "Ready") });
  await client.sessions.waitUntilReady("s1");
  assert.deepEqual(clock.sleeps, [2000, 15_000]);
  server.enqueue("GET", sessionPath("gone"), { status: 404 });
  await assert.rejects(client.sessions.waitUntilReady("gone"), (e: unknown) => isRemoteRenderingError(e, 404));
});

test("an abort during a poll wait rejects at once with the signal's reason", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const clock = createFakeClock({ auto: false });
  const { client } = clientFor(server, { clock });
  server.always("GET", sessionPath("s1"), { body: session("s1", "Starting") });
  const controller = new AbortController();
  const sleeping = clock.nextSleep();
  const waiting = client.sessions.waitUntilReady("s1", { signal: controller.signal });
  assert.equal(await sleeping, 2000);
  controller.abort();
  await assert.rejects(waiting, (e: unknown) => e instanceof DOMException && e.name === "AbortError");
  assert.equal(server.requests.length, 1);
  assert.equal(clock.pending, 0);
});

test("waitUntilDone follows the Retry-After of get-conversion to Succeeded", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const succeeded = conversion("robot", "Succeeded", { output: { outputAssetUri: "https://contosostorage.blob.core.windows.net/output/converted/robot.arrAsset" } });
  server.enqueue(
    "GET",
    conversionPath("robot"),
    { body: conversion("robot", "NotStarted"), headers: { "retry-after": 1 } },
    { body: conversion("robot", "Running"), headers: { "retry-after": 3 } },
    { body: succeeded, headers: { "retry-after": 3 } },
  );
  const seen: Conversion["status"][] = [];
  const done = await client.conversions.waitUntilDone("robot", { onProgress: (c) => seen.push(c.status) });
  assert.equal(done.output?.outputAssetUri, succeeded.output && (succeeded.output as { outputAssetUri: string }).outputAssetUri);
  assert.deepEqual(seen, ["NotStarted", "Running", "Succeeded"]);
  assert.deepEqual(clock.sleeps, [1000, 3000]);
});

test("waitUntilDone rejects with ConversionFailedError on Failed and Cancelled; without Retry-After it polls every 10 s", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const failed = conversion("missing", "Failed", { error: { code: "ConversionProcessFailed", message: "The input asset robot/missing.fbx could not be found." } });
  server.enqueue("GET", conversionPath("missing"), { body: conversion("missing", "Running") }, { body: failed });
  const error = await client.conversions.waitUntilDone("missing").catch((e: unknown) => e);
  assert.ok(error instanceof ConversionFailedError);
  assert.equal(error.code, "ConversionProcessFailed");
  assert.deepEqual(error.conversion, failed);
  assert.deepEqual(clock.sleeps, [10_000]);

  server.enqueue("GET", conversionPath("c2"), { body: conversion("c2", "Cancelled") });
  await assert.rejects(client.conversions.waitUntilDone("c2"), (e: unknown) => e instanceof ConversionFailedError && e.code === "ConversionCancelled");
});
