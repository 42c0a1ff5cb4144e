// Concurrency: 200 concurrent creates of one id give exactly one 201 (in memory and with a data dir, where every
// answer waits for the journal); 500 concurrent calls through one client with an account key share one STS
// exchange.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { FetchLike } from "../../src/index.js";
import { developmentClient } from "../support/in-process-emulator.js";
import { DOMAIN, startHarness, type Harness } from "./support.js";

const CREATES = 200;
const CALLS = 500;

async function concurrentCreates(h: Harness, collection: "sessions" | "conversions", body: unknown): Promise<Map<number, number>> {
  const answers = await Promise.all(Array.from({ length: CREATES }, () => h.call("PUT", `/${collection}/contended`, body)));
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  // Every answer describes the same resource.
  const ids = new Set(answers.map((a) => (a.body as { id?: string }).id));
  assert.deepEqual([...ids], ["contended"]);
  return counts;
}

const conversion = {
  settings: {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "robot.fbx" },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out" },
  },
};

for (const durable of [false, true]) {
  test(`${CREATES} concurrent creates of one id → exactly one 201, the rest 200 (${durable ? "data dir" : "in memory"})`, async () => {
    const dir = durable ? await mkdtemp(join(tmpdir(), "arr-concurrency-")) : undefined;
    const h = await startHarness(dir === undefined ? {} : { dataDir: dir });
    try {
      const sessions = await concurrentCreates(h, "sessions", { size: "Standard", maxLeaseTimeMinutes: 10 });
      assert.deepEqual(Object.fromEntries(sessions), { 201: 1, 200: CREATES - 1 }, "sessions");
      const conversions = await concurrentCreates(h, "conversions", conversion);
      assert.deepEqual(Object.fromEntries(conversions), { 201: 1, 200: CREATES - 1 }, "conversions");
      // Same id, other settings, concurrently: every one is a 409 and the session keeps its settings.
      const conflicting = await Promise.all(
        Array.from({ length: 50 }, (_, i) => h.call("PUT", "/sessions/contended", { size: "Premium", maxLeaseTimeMinutes: i })),
      );
      assert.deepEqual([...new Set(conflicting.map((a) => a.status))], [409]);
      const after = await h.call("GET", "/sessions/contended");
      assert.deepEqual([(after.body as { size: string }).size, (after.body as { maxLeaseTimeMinutes: number }).maxLeaseTimeMinutes], ["Standard", 10]);
    } finally {
      await h.close();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    }
  });
}

test(`${CALLS} concurrent calls through one client with an account key → exactly one STS exchange`, async () => {
  const h = await startHarness({ startupSeconds: 0 });
  try {
    const seen = { sts: 0, arr: 0, authorizations: new Set<string>() };
    const counting: FetchLike = (input, init) => {
      if (new URL(input.url).pathname.endsWith("/token")) seen.sts++;
      else {
        seen.arr++;
        seen.authorizations.add(input.headers.get("authorization") ?? "");
      }
      return fetch(input, init);
    };
    const client = developmentClient(h.url, { accountDomain: DOMAIN, fetch: counting, retry: false });
    const calls = Array.from({ length: CALLS }, async (_, i) => {
      switch (i % 5) {
        case 0:
          return (await client.sessions.create(`s${i % 20}`, { size: "Standard", maxLeaseTimeMinutes: 5 })).id;
        case 1:
          return client.sessions.get(`s${i % 20}`).then((s) => s.id, (e: unknown) => `error ${String((e as { status?: unknown }).status)}`);
        case 2: {
          const ids: string[] = [];
          for await (const s of client.sessions.list()) ids.push(s.id);
          return ids.length;
        }
        case 3:
          return client.conversions.get("none").then(
            () => "found",
            (e: unknown) => `error ${String((e as { status?: unknown }).status)}`,
          );
        default:
          return (await client.getAccessToken()).length;
      }
    });
    const results = await Promise.allSettled(calls);
    const rejected = results.filter((r) => r.status === "rejected");
    assert.deepEqual(rejected, [], "no call failed");
    assert.equal(seen.sts, 1, "one STS exchange for all calls");
    assert.equal(seen.authorizations.size, 1, "every service request carried the same token");
    assert.ok(seen.arr >= CALLS - CALLS / 5, `service requests: ${seen.arr}`);
    // No leftover 401s: every get of a session that exists (created above or concurrently) is 200 or 404.
    for (const r of results) if (r.status === "fulfilled") assert.doesNotMatch(String(r.value), /error (401|403|0)/);
  } finally {
    await h.close();
  }
});
