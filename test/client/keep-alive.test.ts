// The lease keeper on emulated time: client and emulator share one virtual clock, so hours of leases run in
// milliseconds. Each test checks what reached the emulator (its log of updates, the answers the client got).
import assert from "node:assert/strict";
import { test } from "node:test";
import { requestSchemas } from "../../generated/constraints.js";
import { remainingLeaseMinutes, ValidationError, type Clock, type Session } from "../../src/index.js";
import { emulated, MINUTE, type Exchange } from "./emulated.js";

const STARTUP_MS = 5_000;
const updatesApplied = (logs: readonly string[]) => logs.filter((l) => /^updateSession .* → 200$/.test(l)).length;
const sessionAnswers = (exchanges: readonly Exchange[]) =>
  exchanges.filter((e) => e.status === 200 && /\/sessions\/[^/?]+\?/.test(e.url)).map((e) => ({ ...e, session: e.body as Session }));

test("remainingLeaseMinutes: lease minus elapsed minutes; the whole lease while Starting; 0 once ended", () => {
  assert.equal(remainingLeaseMinutes({ status: "Starting", maxLeaseTimeMinutes: 30, elapsedTimeMinutes: 0 }), 30);
  assert.equal(remainingLeaseMinutes({ status: "Ready", maxLeaseTimeMinutes: 30, elapsedTimeMinutes: 12 }), 18);
  assert.equal(remainingLeaseMinutes({ status: "Ready", maxLeaseTimeMinutes: 30 }), 30);
  assert.equal(remainingLeaseMinutes({ status: "Ready", maxLeaseTimeMinutes: 30, elapsedTimeMinutes: 31 }), 0);
  for (const status of ["Expired", "Stopped", "Error"] as const) {
    assert.equal(remainingLeaseMinutes({ status, maxLeaseTimeMinutes: 30, elapsedTimeMinutes: 3 }), 0, status);
  }
});

test("kept alive for 3 × its lease: stays Ready, never above the cap, exactly one update per extension", async () => {
  const h = await emulated({ startupSeconds: STARTUP_MS / 1000 });
  try {
    const client = h.client();
    await client.sessions.create("keep-3x", { size: "Standard", maxLeaseTimeMinutes: 10 });
    const readyAt = h.manual.now() + STARTUP_MS;
    const stopAt = readyAt + 30 * MINUTE;
    const controller = new AbortController();
    h.clock.afterAdvance = (now) => {
      if (now >= stopAt) controller.abort();
    };
    const leases: number[] = [];
    const result = await client.sessions.keepAlive("keep-3x", {
      maxLeaseTimeMinutes: 40,
      extendByMinutes: 10,
      whenRemainingMinutes: 5,
      signal: controller.signal,
      onExtend: (s) => leases.push(s.maxLeaseTimeMinutes ?? -1),
    });
    assert.equal(result.reason, "aborted");
    assert.equal(result.extensions, 3);
    assert.deepEqual(leases, [20, 30, 40]);
    assert.equal(updatesApplied(h.logs), 3, h.logs.join("\n"));
    const patches = h.exchanges.filter((e) => e.method === "PATCH");
    assert.deepEqual(patches.map((p) => p.status), [200, 200, 200]);
    // Each extension came when fewer than 5 minutes were left, and with at least 2 real minutes to spare.
    for (const [i, p] of patches.entries()) {
      const leftMs = readyAt + (10 + 10 * i) * MINUTE - p.at;
      assert.ok(leftMs >= 2 * MINUTE && leftMs < 5 * MINUTE, `extension ${i + 1} with ${leftMs / MINUTE} min left`);
    }
    for (const { session } of sessionAnswers(h.exchanges)) {
      assert.ok(session.status === "Starting" || session.status === "Ready", session.status);
      assert.ok((session.maxLeaseTimeMinutes ?? 0) <= 40, `lease ${session.maxLeaseTimeMinutes}`);
    }
    const now = await client.sessions.get("keep-3x");
    assert.equal(now.status, "Ready");
    assert.ok((now.elapsedTimeMinutes ?? 0) >= 30, `elapsed ${now.elapsedTimeMinutes}`);
    assert.equal(now.maxLeaseTimeMinutes, 40);
  } finally {
    await h.close();
  }
});

test("once the cap is reached it keeps watching, and the lease runs out as planned", async () => {
  const h = await emulated({ startupSeconds: STARTUP_MS / 1000 });
  try {
    const client = h.client();
    await client.sessions.create("keep-cap", { size: "Standard", maxLeaseTimeMinutes: 10 });
    const expiresAt = h.manual.now() + STARTUP_MS + 30 * MINUTE;
    const result = await client.sessions.keepAlive("keep-cap", { maxLeaseTimeMinutes: 30, extendByMinutes: 10, whenRemainingMinutes: 5 });
    assert.equal(result.reason, "ended");
    assert.equal(result.extensions, 2);
    assert.equal(result.session.status, "Expired");
    assert.equal(result.session.maxLeaseTimeMinutes, 30);
    assert.equal(result.session.elapsedTimeMinutes, 30);
    assert.equal(updatesApplied(h.logs), 2);
    // Seen within two minutes of the end (it reads once a minute near it), and no update after the cap.
    assert.ok(h.manual.now() > expiresAt && h.manual.now() <= expiresAt + 2 * MINUTE, `${(h.manual.now() - expiresAt) / MINUTE} min late`);
    assert.equal(h.exchanges.filter((e) => e.method === "PATCH").length, 2);
  } finally {
    await h.close();
  }
});

test("abort: resolves at once with what it saw, and nothing is extended afterwards", async () => {
  const h = await emulated();
  try {
    let sleeping!: () => void;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    // A clock whose sleeps never end by themselves: only the abort ends the wait.
    const still: Clock = {
      now: () => h.manual.now(),
      sleep: (_ms, signal) =>
        new Promise<void>((_resolve, reject) => {
          sleeping();
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        }),
    };
    const client = h.client({ clock: still });
    await client.sessions.create("keep-abort", { size: "Standard", maxLeaseTimeMinutes: 10 });
    const controller = new AbortController();
    const running = client.sessions.keepAlive("keep-abort", { maxLeaseTimeMinutes: 60, extendByMinutes: 10, whenRemainingMinutes: 5, signal: controller.signal });
    await asleep;
    controller.abort();
    const result = await running;
    assert.equal(result.reason, "aborted");
    assert.equal(result.extensions, 0);
    assert.equal(result.session?.id, "keep-abort");
    h.manual.advance(20 * MINUTE);
    assert.equal((await client.sessions.get("keep-abort")).status, "Expired");
    assert.equal(h.exchanges.filter((e) => e.method === "PATCH").length, 0);

    const early = new AbortController();
    early.abort();
    const before = h.exchanges.length;
    const none = await client.sessions.keepAlive("keep-abort", { maxLeaseTimeMinutes: 60, signal: early.signal });
    assert.deepEqual(none, { reason: "aborted", session: undefined, extensions: 0 });
    assert.equal(h.exchanges.length, before, "an aborted keeper sends nothing");
  } finally {
    await h.close();
  }
});

test("a session stopped elsewhere ends the keeper", async () => {
  const h = await emulated();
  try {
    const client = h.client();
    const other = h.client({ record: false });
    await client.sessions.create("keep-stop", { size: "Standard", maxLeaseTimeMinutes: 10 });
    let extended = 0;
    let stopped = false;
    h.clock.beforeAdvance = async () => {
      if (extended === 1 && !stopped) {
        stopped = true;
        await other.sessions.stop("keep-stop");
      }
    };
    const result = await client.sessions.keepAlive("keep-stop", {
      maxLeaseTimeMinutes: 120,
      extendByMinutes: 10,
      whenRemainingMinutes: 5,
      onExtend: () => extended++,
    });
    assert.equal(result.reason, "ended");
    assert.equal(result.session.status, "Stopped");
    assert.equal(result.extensions, 1);
    assert.equal(updatesApplied(h.logs), 1);
  } finally {
    await h.close();
  }
});

test("a 422 from a concurrent extension is settled by reading back: no second update, no extension counted", async () => {
  const h = await emulated();
  try {
    const other = h.client({ record: false });
    let raced = false;
    const client = h.client({
      before: async (request) => {
        if (request.method === "PATCH" && !raced) {
          raced = true;
          await other.sessions.update("keep-race", { maxLeaseTimeMinutes: 45 });
        }
      },
    });
    await client.sessions.create("keep-race", { size: "Standard", maxLeaseTimeMinutes: 10 });
    const controller = new AbortController();
    h.clock.afterAdvance = () => controller.abort();
    const extended: Session[] = [];
    const result = await client.sessions.keepAlive("keep-race", {
      maxLeaseTimeMinutes: 60,
      extendByMinutes: 10,
      whenRemainingMinutes: 15, // 10 left: extend at once
      signal: controller.signal,
      onExtend: (s) => extended.push(s),
    });
    assert.deepEqual(h.exchanges.filter((e) => e.method === "PATCH").map((e) => e.status), [422]);
    assert.equal(result.reason, "aborted");
    assert.equal(result.extensions, 0);
    assert.equal(extended.length, 0);
    assert.equal(result.session?.maxLeaseTimeMinutes, 45);
  } finally {
    await h.close();
  }
});

for (const seed of [11, 22, 33, 44, 55]) {
  test(`faults (--fail-rate 0.3, --throttle 1, seed ${seed}) never make it miss a window`, async () => {
    const h = await emulated({ failRate: 0.3, seed, throttle: 1 });
    try {
      await h.client({ record: false, maxRetries: 20 }).sessions.create("keep-faults", { size: "Standard", maxLeaseTimeMinutes: 10 });
      const result = await h.client().sessions.keepAlive("keep-faults", { maxLeaseTimeMinutes: 60, extendByMinutes: 10, whenRemainingMinutes: 5 });
      assert.equal(result.reason, "ended");
      // It expired only at the cap: every window of 5 minutes was used.
      assert.equal(result.session.status, "Expired");
      assert.equal(result.session.maxLeaseTimeMinutes, 60);
      assert.equal(result.session.elapsedTimeMinutes, 60);
      assert.equal(result.extensions, 5);
      assert.equal(updatesApplied(h.logs), 5);
      const statuses = h.exchanges.map((e) => e.status);
      assert.ok(statuses.some((s) => s >= 500), "no fault was injected");
      assert.ok(statuses.includes(429), "no request was throttled");
    } finally {
      await h.close();
    }
  });
}

test("bad options are ValidationErrors naming the field and the rule; nothing is sent", async () => {
  const h = await emulated();
  try {
    const client = h.client();
    const max = requestSchemas.update_session_settings.properties.maxLeaseTimeMinutes.maximum;
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, "maxLeaseTimeMinutes", "required"],
      [{ maxLeaseTimeMinutes: max + 1 }, "maxLeaseTimeMinutes", "maximum"],
      [{ maxLeaseTimeMinutes: 0 }, "maxLeaseTimeMinutes", "minimum"],
      [{ maxLeaseTimeMinutes: 60, extendByMinutes: 0 }, "extendByMinutes", "minimum"],
      [{ maxLeaseTimeMinutes: 60, extendByMinutes: 1.5 }, "extendByMinutes", "type"],
      [{ maxLeaseTimeMinutes: 60, whenRemainingMinutes: 1 }, "whenRemainingMinutes", "minimum"],
      [{ maxLeaseTimeMinutes: 60, minuteMs: 0 }, "minuteMs", "minimum"],
    ];
    for (const [options, field, rule] of cases) {
      await assert.rejects(
        client.sessions.keepAlive("keep-bad", options as never),
        (e: unknown) => e instanceof ValidationError && e.field === field && e.rule === rule,
        JSON.stringify(options),
      );
    }
    assert.equal(h.exchanges.length, 0);
  } finally {
    await h.close();
  }
});
