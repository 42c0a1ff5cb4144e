// createSessionWithFallback against one emulator serving two regions with --capacity Standard=1, on emulated
// time: the session lands in the first region with a free server, else on Premium; nothing is left running in
// a region it gave up on.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createSessionWithFallback,
  SessionFallbackError,
  ValidationError,
  type RemoteRenderingClient,
  type Session,
} from "../../src/index.js";
import { emulated, type Emulated } from "./emulated.js";

const settings = { maxLeaseTimeMinutes: 30 };

async function twoRegions(capacity = [{ size: "Standard" as const, max: 1 }]): Promise<{ h: Emulated; east: RemoteRenderingClient; west: RemoteRenderingClient }> {
  const h = await emulated({ regions: ["eastus", "westeurope"], capacity });
  const [east = "", west = ""] = h.emulator.regions.map((r) => r.url);
  return { h, east: h.client({ url: east }), west: h.client({ url: west }) };
}

/** Starting/Ready sessions per region. */
async function running(...clients: RemoteRenderingClient[]): Promise<string[][]> {
  return Promise.all(
    clients.map(async (c) => {
      const ids: string[] = [];
      for await (const s of c.sessions.list()) ids.push(`${s.id}:${s.status}`);
      return ids;
    }),
  );
}

test("the first region full: the session lands in the second; the failed one is stopped", async () => {
  const { h, east, west } = await twoRegions();
  try {
    await east.sessions.create("occupant", { size: "Standard", maxLeaseTimeMinutes: 60 });
    const seen: string[] = [];
    const result = await createSessionWithFallback(
      [
        { client: east, size: "Standard" },
        { client: west, size: "Standard" },
        { client: east, size: "Premium" },
      ],
      "robot",
      settings,
      { onProgress: (s: Session, at) => seen.push(`${at.endpoint === east.endpoint ? "east" : "west"} ${s.id} ${s.status}`) },
    );
    assert.equal(result.client, west);
    assert.equal(result.size, "Standard");
    assert.equal(result.id, "robot");
    assert.equal(result.session.status, "Ready");
    assert.match(result.session.hostname ?? "", /\.westeurope\./);
    assert.deepEqual(result.attempts.map((a) => `${a.endpoint === east.endpoint ? "east" : "west"} ${a.size} ${a.id} ${a.outcome}`), [
      "east Standard robot Error",
      "west Standard robot Ready",
    ]);
    assert.ok(seen.includes("east robot Error") && seen.includes("west robot Ready"), seen.join("\n"));
    assert.deepEqual(await running(east, west), [["occupant:Ready"], ["robot:Ready"]]);
    // It stopped what it started in eastus (a stop of a failed session changes nothing, but was sent).
    assert.ok(h.logs.some((l) => /^\[eastus\] stopSession .*\/robot → 204$/.test(l)), h.logs.join("\n"));
  } finally {
    await h.close();
  }
});

test("both regions full of Standard: it lands on Premium with the id <id>-premium", async () => {
  const { h, east, west } = await twoRegions();
  try {
    await east.sessions.create("occupant", { size: "Standard", maxLeaseTimeMinutes: 60 });
    await west.sessions.create("occupant", { size: "Standard", maxLeaseTimeMinutes: 60 });
    const result = await createSessionWithFallback(
      [
        { client: east, size: "Standard" },
        { client: west, size: "Standard" },
        { client: east, size: "Premium" },
        { client: west, size: "Premium" },
      ],
      "robot",
      settings,
    );
    assert.equal(result.client, east);
    assert.equal(result.size, "Premium");
    assert.equal(result.id, "robot-premium");
    assert.equal(result.session.size, "Premium");
    assert.deepEqual(result.attempts.map((a) => a.outcome), ["Error", "Error", "Ready"]);
    assert.deepEqual(await running(east, west), [["occupant:Ready", "robot-premium:Ready"], ["occupant:Ready"]]);
  } finally {
    await h.close();
  }
});

test("nothing free anywhere: rejects listing every attempt, and nothing it started is left running", async () => {
  const { h, east, west } = await twoRegions([{ size: "Standard", max: 0 }, { size: "Premium", max: 0 } as never]);
  try {
    const error = await createSessionWithFallback(
      [
        { client: east, size: "Standard" },
        { client: west, size: "Standard" },
        { client: east, size: "Premium" },
      ],
      "robot",
      settings,
    ).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SessionFallbackError);
    assert.deepEqual(error.attempts.map((a) => `${a.size} ${a.id} ${a.outcome}`), ["Standard robot Error", "Standard robot Error", "Premium robot-premium Error"]);
    assert.equal(error.message.split("\n").length, 4, error.message);
    assert.match(error.message, /NoServerAvailable/);
    assert.deepEqual(await running(east, west), [[], []]);
  } finally {
    await h.close();
  }
});

test("5xx and network failures that outlast the retries move on, after stopping what may have started", async () => {
  const { h, east, west } = await twoRegions([]);
  try {
    const unavailable = () =>
      new Response(JSON.stringify({ error: { code: "ServiceUnavailable", message: "The service is temporarily unavailable." } }), {
        status: 503,
        headers: { "content-type": "application/json" },
      });
    // eastus answers every session call with 503; westeurope's connections are reset; the third one works.
    const eastDown = h.client({ url: east.endpoint, maxRetries: 1, answer: (r) => (r.url.includes("/sessions/") ? unavailable() : undefined) });
    const westReset = h.client({
      url: west.endpoint,
      maxRetries: 1,
      before: async (request) => {
        if (request.url.includes("/sessions/")) throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) });
      },
    });
    const result = await createSessionWithFallback(
      [
        { client: eastDown, size: "Standard" },
        { client: westReset, size: "Standard" },
        { client: west, size: "Premium" },
      ],
      "robot",
      settings,
    );
    assert.equal(result.client, west);
    assert.equal(result.id, "robot", "another client of the region: the first use of that client");
    assert.deepEqual(result.attempts.map((a) => a.outcome), ["failed", "failed", "Ready"]);
    // A lost create may have started a session: it tried to stop it, and says the stop failed too.
    assert.equal(result.attempts[0]?.stopFailed, true);
    assert.equal(result.attempts[1]?.stopFailed, true);
    assert.ok(h.exchanges.some((e) => e.method === "POST" && e.url.includes("/robot/:stop") && e.status === 503), "the stop went to eastus");
  } finally {
    await h.close();
  }
});

test("an abort while waiting stops the session of the current attempt, then rejects with the reason", async () => {
  const { h, east } = await twoRegions([]);
  try {
    const controller = new AbortController();
    h.clock.afterAdvance = () => controller.abort(new Error("given up"));
    await assert.rejects(
      createSessionWithFallback([{ client: east, size: "Standard" }], "robot", settings, { signal: controller.signal }),
      /given up/,
    );
    assert.equal((await east.sessions.get("robot")).status, "Stopped");
  } finally {
    await h.close();
  }
});

test("bad input is a ValidationError before anything is sent", async () => {
  const { h, east } = await twoRegions([]);
  try {
    await assert.rejects(createSessionWithFallback([], "robot", settings), ValidationError);
    await assert.rejects(createSessionWithFallback([{ client: east, size: "Standard" }], "bad id!", settings), ValidationError);
    await assert.rejects(createSessionWithFallback([{ client: east, size: "Standard" }, { client: east, size: "Standard" }], "robot", settings), ValidationError);
    await assert.rejects(createSessionWithFallback([{ client: east, size: "Standard" }], "robot", { maxLeaseTimeMinutes: 5000 }), ValidationError);
    assert.equal(h.exchanges.length, 0);
  } finally {
    await h.close();
  }
});
