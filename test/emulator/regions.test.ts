// Regions and capacity: one emulator serving several regions on their own ports, with one account store, STS and
// token secret; a session beyond a region's capacity is answered 201 Starting and ends in Error NoServerAvailable.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  createManualClock,
  formatBanner,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ManualClock,
} from "../../src/emulator/index.js";
import { ACCOUNT, API, KEY, STS_API } from "./support.js";

async function token(url: string): Promise<string> {
  const r = await fetch(`${url}/Accounts/${ACCOUNT}/token?${STS_API}`, { headers: { Authorization: `Bearer ${ACCOUNT}:${KEY}` } });
  assert.equal(r.status, 200);
  return ((await r.json()) as { AccessToken: string }).AccessToken;
}

async function call(url: string, tokenValue: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${url}/accounts/${ACCOUNT}${path}?${API}`, {
    method,
    headers: { Authorization: `Bearer ${tokenValue}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

async function withEmulator(options: EmulatorOptions, run: (e: Emulator, clock: ManualClock) => Promise<void>): Promise<void> {
  const clock = createManualClock();
  const emulator = await startEmulator({ startupSeconds: 5, clock, ...options });
  try {
    await run(emulator, clock);
  } finally {
    await emulator.close();
  }
}

const standard = { size: "Standard", maxLeaseTimeMinutes: 30 };

test("--regions: one port per region, one STS and token secret; sessions belong to their region", async () => {
  await withEmulator({ regions: ["eastus", "westeurope"] }, async (e, clock) => {
    assert.deepEqual(e.regions.map((r) => r.name), ["eastus", "westeurope"]);
    const [east, west] = e.regions.map((r) => r.url) as [string, string];
    assert.equal(e.url, east);
    assert.notEqual(east, west);
    const lines = formatBanner(e);
    assert.equal(lines[0], `Emulator listening on ${east}`);
    assert.deepEqual(lines.slice(1, 3), [`Region eastus on ${east}`, `Region westeurope on ${west}`]);
    // One region prints as it always did: no region line.
    assert.ok(!formatBanner({ ...e, regions: e.regions.slice(0, 1) }).some((l) => l.startsWith("Region ")));

    // A token from either region's STS works in both.
    const fromWest = await token(west);
    assert.equal((await call(east, fromWest, "PUT", "/sessions/s1", standard)).status, 201);
    assert.equal((await call(west, fromWest, "GET", "/sessions/s1")).status, 404, "a session lives in its region only");
    assert.equal((await call(west, await token(east), "PUT", "/sessions/s1", standard)).status, 201);
    clock.advance(5_000);
    const ready = await call(west, fromWest, "GET", "/sessions/s1");
    assert.match(String(ready.body["hostname"]), /\.remoterendering\.vm\.westeurope\.mixedreality\.azure\.com$/);
  });
});

test("--capacity Standard=1: the second Standard session is 201 Starting, then Error NoServerAvailable; ended ones free the server", async () => {
  await withEmulator({ regions: ["eastus", "westeurope"], capacity: [{ size: "Standard", max: 1 }, { region: "westeurope", size: "Premium", max: 0 }] }, async (e, clock) => {
    const [east, west] = e.regions.map((r) => r.url) as [string, string];
    const t = await token(east);
    assert.equal((await call(east, t, "PUT", "/sessions/first", standard)).status, 201);
    const second = await call(east, t, "PUT", "/sessions/second", standard);
    assert.equal(second.status, 201);
    assert.equal(second.body["status"], "Starting");
    // Premium has no limit in eastus; another region has its own servers.
    assert.equal((await call(east, t, "PUT", "/sessions/big", { size: "Premium", maxLeaseTimeMinutes: 30 })).status, 201);
    assert.equal((await call(west, t, "PUT", "/sessions/other", standard)).status, 201);
    const westPremium = await call(west, t, "PUT", "/sessions/big", { size: "Premium", maxLeaseTimeMinutes: 30 });
    assert.equal(westPremium.status, 201);
    clock.advance(5_000);
    const failed = await call(east, t, "GET", "/sessions/second");
    assert.equal(failed.body["status"], "Error");
    assert.deepEqual(failed.body["error"], { code: "NoServerAvailable", message: (failed.body["error"] as { message: string }).message });
    assert.equal(failed.body["hostname"], undefined);
    assert.equal((await call(east, t, "GET", "/sessions/first")).body["status"], "Ready");
    assert.equal((await call(east, t, "GET", "/sessions/big")).body["status"], "Ready");
    assert.equal((await call(west, t, "GET", "/sessions/other")).body["status"], "Ready");
    assert.equal((await call(west, t, "GET", "/sessions/big")).body["status"], "Error", "westeurope:Premium=0");

    // The Error session does not count; stopping the first frees its server.
    assert.equal((await call(east, t, "POST", "/sessions/first/:stop")).status, 204);
    assert.equal((await call(east, t, "PUT", "/sessions/third", standard)).status, 201);
    clock.advance(5_000);
    assert.equal((await call(east, t, "GET", "/sessions/third")).body["status"], "Ready");
  });
});

test("regions and capacity survive a restart with a data dir (events carry their region)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "arr-regions-"));
  try {
    const clock = createManualClock();
    const options = { dataDir: dir, regions: ["eastus", "westeurope"], capacity: [{ size: "Standard" as const, max: 1 }], clock, startupSeconds: 5 };
    let e = await startEmulator(options);
    const t = await token(e.url);
    const west = () => e.regions[1]?.url ?? "";
    assert.equal((await call(west(), t, "PUT", "/sessions/w1", standard)).status, 201);
    assert.equal((await call(west(), t, "PUT", "/sessions/w2", standard)).status, 201);
    await e.close();
    e = await startEmulator(options);
    try {
      clock.advance(5_000);
      assert.equal((await call(e.url, t, "GET", "/sessions/w1")).status, 404);
      assert.equal((await call(west(), t, "GET", "/sessions/w1")).body["status"], "Ready");
      assert.equal((await call(west(), t, "GET", "/sessions/w2")).body["status"], "Error");
    } finally {
      await e.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad regions and capacity are RangeErrors naming the option", async () => {
  const bad: [EmulatorOptions, RegExp][] = [
    [{ regions: [] }, /regions/],
    [{ regions: ["East US"] }, /regions/],
    [{ regions: ["eastus", "eastus"] }, /regions/],
    [{ region: "eastus", regions: ["eastus"] }, /regions/],
    [{ capacity: [{ size: "Huge" as never, max: 1 }] }, /capacity/],
    [{ capacity: [{ size: "Standard", max: -1 }] }, /capacity/],
    [{ capacity: [{ size: "Standard", max: 1, region: "westus" }] }, /capacity/],
  ];
  for (const [options, message] of bad) await assert.rejects(startEmulator(options), (e: unknown) => e instanceof RangeError && message.test(e.message), JSON.stringify(options));
});
