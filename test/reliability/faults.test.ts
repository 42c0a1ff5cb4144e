// Faults: a scripted workload of 200 operations through a client with 8 retries against an emulator that
// fails 30 % of requests (seeded) and throttles at 5 requests per id per 10 s ends in the right state, with
// every retry run bounded. Client and emulator share one manual clock (a client sleep moves emulated time), so
// no real time is spent waiting. Then: a socket cut mid-answer, a reset and a server that never answers give
// typed errors, quickly, without hanging.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ConversionFailedError,
  createRemoteRenderingClient,
  isRemoteRenderingError,
  RemoteRenderingError,
  type FetchLike,
  type RemoteRenderingClient,
} from "../../src/index.js";
import { developmentClient } from "../support/in-process-emulator.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { ACCOUNT, DOMAIN, seeded, startHarness, virtualClock } from "./support.js";

const FAULT_SEED = 424242;
const JITTER_SEED = 7;
const MAX_RETRIES = 8;
const MAX_DELAY_MS = 2_000;
const SESSIONS = 20;
const CONVERSIONS = 10;
const FAILING = 2; // the last conversions read a "missing" asset and fail

interface Attempt {
  readonly request: string;
  readonly status: number;
}

const conversionSettings = (i: number) => ({
  inputLocation: {
    storageContainerUri: "https://contoso.blob.core.windows.net/in",
    relativeInputAssetPath: i >= CONVERSIONS - FAILING ? `missing-${i}.fbx` : `model-${i}.fbx`,
  },
  outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out", blobPrefix: "converted" },
});

test("200 operations through 30 % injected 5xx and throttling complete with the right final state", { timeout: 60_000 }, async (t) => {
  const h = await startHarness({ failRate: 0.3, seed: FAULT_SEED, throttle: 5, startupSeconds: 5, conversionSeconds: 30 });
  try {
    const attempts: Attempt[] = [];
    const recording: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      attempts.push({ request: `${input.method} ${input.url}`, status: response.status });
      return response;
    };
    const clock = virtualClock(h.clock);
    const client = developmentClient(h.url, {
      accountDomain: DOMAIN,
      fetch: recording,
      retry: { maxRetries: MAX_RETRIES, initialDelayMs: 100, maxDelayMs: MAX_DELAY_MS },
      clock,
      random: seeded(JITTER_SEED),
    });
    const started = h.clock.now();
    let operations = 0;
    const op = async <T>(run: (c: RemoteRenderingClient) => Promise<T>): Promise<T> => {
      operations++;
      return run(client);
    };
    const s = (i: number) => `s${i}`;
    const c = (i: number) => `c${i}`;
    const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

    // Six requests per id in a burst: the sixth meets the throttle (5 per id per 10 s).
    for (const i of range(SESSIONS)) {
      const settings = { size: "Standard", maxLeaseTimeMinutes: 10 } as const;
      assert.equal((await op((x) => x.sessions.create(s(i), settings))).id, s(i));
      // A create repeated with the same settings is a retry: the existing session, no conflict.
      assert.equal((await op((x) => x.sessions.create(s(i), settings))).maxLeaseTimeMinutes, 10);
      assert.equal((await op((x) => x.sessions.get(s(i)))).id, s(i));
      assert.equal((await op((x) => x.sessions.update(s(i), { maxLeaseTimeMinutes: 20 }))).maxLeaseTimeMinutes, 20);
      assert.equal((await op((x) => x.sessions.update(s(i), { maxLeaseTimeMinutes: 30 }))).maxLeaseTimeMinutes, 30);
      assert.equal((await op((x) => x.sessions.get(s(i)))).maxLeaseTimeMinutes, 30);
    }
    for (const i of range(CONVERSIONS)) {
      assert.equal((await op((x) => x.conversions.create(c(i), conversionSettings(i)))).id, c(i));
      for (const _ of range(5)) assert.equal((await op((x) => x.conversions.get(c(i)))).id, c(i));
    }
    for (const i of range(5, 10)) assert.equal((await op((x) => x.sessions.waitUntilReady(s(i)))).status, "Ready");
    for (const i of range(10)) await op((x) => x.sessions.stop(s(i)));
    for (const i of range(3)) assert.equal((await op((x) => x.conversions.waitUntilDone(c(i)))).status, "Succeeded");
    for (const i of range(FAILING, CONVERSIONS - FAILING)) {
      await assert.rejects(op((x) => x.conversions.waitUntilDone(c(i))), ConversionFailedError);
    }
    assert.equal(operations, 200);

    // The final state, read through the same faulty emulator.
    const emulatedMs = h.clock.now() - started;
    const sessions = await Promise.all(range(SESSIONS).map((i) => client.sessions.get(s(i))));
    for (const [i, session] of sessions.entries()) {
      assert.deepEqual(
        { id: session.id, status: session.status, lease: session.maxLeaseTimeMinutes },
        { id: s(i), status: i < 10 ? "Stopped" : "Ready", lease: 30 },
        `final state of ${s(i)} after ${emulatedMs} emulated ms`,
      );
    }
    const listed: string[] = [];
    for await (const session of client.sessions.list()) listed.push(session.id);
    assert.deepEqual(listed.sort(), range(10, 10).map(s).sort(), "only the sessions not stopped are listed");
    h.clock.advance(60_000); // every conversion has finished
    for (const i of range(CONVERSIONS)) {
      const conversion = await client.conversions.get(c(i));
      const failing = i >= CONVERSIONS - FAILING;
      assert.equal(conversion.status, failing ? "Failed" : "Succeeded", c(i));
      if (!failing) assert.equal(conversion.output?.outputAssetUri, `https://contoso.blob.core.windows.net/out/converted/model-${i}.arrAsset`);
      else assert.equal(conversion.error?.code, "InputContainerError");
    }

    // Faults really happened, and every retry was bounded.
    const statuses = attempts.map((a) => a.status);
    const injected = statuses.filter((x) => x === 500 || x === 503).length;
    const throttled = statuses.filter((x) => x === 429).length;
    assert.ok(injected / attempts.length > 0.2, `injected 5xx: ${injected} of ${attempts.length} attempts`);
    assert.ok(throttled > 10, `429s: ${throttled}`);
    let longest = 0;
    let run = 0;
    let previous = "";
    for (const a of attempts) {
      const failed = a.status === 429 || a.status >= 500;
      run = failed && a.request === previous ? run + 1 : failed ? 1 : 0;
      if (!failed) run = 0;
      previous = a.request;
      longest = Math.max(longest, run);
    }
    assert.ok(longest <= MAX_RETRIES, `a request failed ${longest} times in a row; at most ${MAX_RETRIES} retries`);
    assert.ok(longest >= 3, `the workload should see some long retry runs (longest ${longest})`);
    // Every wait is a capped backoff, a Retry-After (≤ 10 s) or a poll interval (2 s; conversions' Retry-After ≤ 10 s).
    assert.ok(Math.max(...clock.sleeps) <= 10_000, `longest wait ${Math.max(...clock.sleeps)} ms`);
    assert.equal(attempts.filter((a) => a.request.includes("/token")).filter((a) => a.status === 200).length, 1, "one token");
    t.diagnostic(
      `${attempts.length} attempts for ${operations} operations: ${injected} injected 5xx, ${throttled} × 429, ` +
        `longest retry run ${longest}, ${Math.round(emulatedMs / 1000)} emulated s`,
    );
  } finally {
    await h.close();
  }
});

test("a socket cut mid-answer or reset: retried, then a NetworkError (status 0) with its cause", async () => {
  const server = await startScriptedServer();
  try {
    const path = `/accounts/${ACCOUNT}/sessions/s1`;
    for (const fault of ["cut-body", "reset"] as const) {
      server.reset();
      server.always("GET", path, { fault, body: { id: "s1", size: "Standard", status: "Ready", padding: "x".repeat(4096) } });
      const sleeps: number[] = [];
      const client = createRemoteRenderingClient({
        endpoint: server.url,
        accountId: ACCOUNT,
        credential: { accessToken: "opaque-test-token-0123456789" },
        retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 50 },
        clock: { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) },
      });
      const error = await client.sessions.get("s1").then(
        () => assert.fail(`${fault}: resolved`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof RemoteRenderingError, `${fault}: ${String(error)}`);
      assert.equal(error.status, 0);
      assert.equal(error.code, "NetworkError");
      assert.ok(error.cause !== undefined, `${fault}: cause attached`);
      assert.equal(error.method, "GET");
      assert.equal(error.path, path);
      assert.equal(server.requestsTo("GET", path).length, 4, `${fault}: first attempt + 3 retries`);
      // Every retry waited on the client's clock, none in real time.
      assert.equal(sleeps.length, 3);
    }
  } finally {
    await server.close();
  }
});

// The server never answers, so only the client's timeout or the caller's signal can end a call: without them the
// test hangs until its limit, which only stops a hang (no wall-clock bound is asserted; a loaded machine is slow).
test("a server that never answers: the client's timeout gives a Timeout error, an AbortSignal its reason", { timeout: 120_000 }, async () => {
  const server = await startScriptedServer();
  try {
    server.always("*", /.*/, { fault: "hang" });
    const attempts: string[] = [];
    const make = (timeoutMs: number) =>
      createRemoteRenderingClient({
        endpoint: server.url,
        accountId: ACCOUNT,
        credential: { accessToken: "opaque-test-token-0123456789" },
        retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 50 },
        timeoutMs,
        logger: { debug: (line) => attempts.push(line) },
      });

    const timedOut = await make(200).sessions.get("s1").then(() => assert.fail("resolved"), (e: unknown) => e);
    assert.ok(isRemoteRenderingError(timedOut), String(timedOut));
    assert.equal(timedOut.status, 0);
    assert.equal(timedOut.code, "Timeout");
    assert.ok(timedOut.cause !== undefined, "cause attached");
    // Counted by the client: under load the 200 ms may pass before the request reaches the server.
    assert.deepEqual(attempts.map((line) => line.replace(/ in \d+ ms: .*$/, "")), [`remote-rendering-client: GET /accounts/${ACCOUNT}/sessions/s1 → Timeout`], "a timeout is not retried");
    assert.ok(server.requests.length <= 1, "a timeout is not retried");

    // The caller's signal ends the call with its reason, not the client's own timeout (30 s, a Timeout error).
    const controller = new AbortController();
    const pending = make(30_000).sessions.create("s2", { size: "Standard", maxLeaseTimeMinutes: 5 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === "AbortError");

    const reason = new Error("caller gave up");
    await assert.rejects(make(30_000).conversions.get("c1", { signal: AbortSignal.timeout(100) }), (e: unknown) => e instanceof DOMException && e.name === "TimeoutError");
    const withReason = new AbortController();
    const call = make(30_000).sessions.get("s3", { signal: withReason.signal });
    setTimeout(() => withReason.abort(reason), 50);
    await assert.rejects(call, (e: unknown) => e === reason);

    // A wait aborted while polling a hanging server ends at once too.
    const poll = make(30_000).sessions.waitUntilReady("s4", { signal: AbortSignal.timeout(150) });
    await assert.rejects(poll, (e: unknown) => e instanceof DOMException && e.name === "TimeoutError");
  } finally {
    await server.close();
  }
});
