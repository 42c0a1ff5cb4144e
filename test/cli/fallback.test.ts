// `arr emulator --regions … --capacity …` and `arr sessions create --size Standard,Premium --region-endpoint …
// --wait` as real child processes: the session lands where a server is free, and nothing is left running where
// the CLI gave up.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { createRemoteRenderingClient, type RemoteRenderingClient } from "../../src/index.js";
import { arr, captured, collect, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, json, show, spawnArr } from "./support.js";

let emulator: Emulator;
let east: RemoteRenderingClient;
let west: RemoteRenderingClient;
let env: Record<string, string>;
const clientOf = (url: string) =>
  createRemoteRenderingClient({ endpoint: url, stsEndpoint: url, accountId: DEVELOPMENT_ACCOUNT_ID, credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY } });

before(async () => {
  // Ready (or Error) at once: the test is about where the session lands, not about waiting.
  emulator = await startEmulator({ regions: ["eastus", "westeurope"], capacity: [{ size: "Standard", max: 1 }], startupSeconds: 0 });
  east = clientOf(emulator.url);
  west = clientOf(emulator.regions[1]?.url ?? "");
  // One STS for every region: the first region's URL serves it. No ARR_ENDPOINT: --region-endpoint replaces it.
  env = { ARR_STS_ENDPOINT: emulator.url, ARR_ACCOUNT_ID: DEVELOPMENT_ACCOUNT_ID, ARR_ACCOUNT_KEY: DEVELOPMENT_ACCOUNT_KEY };
});
after(async () => {
  await emulator.close();
});

async function running(client: RemoteRenderingClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of client.sessions.list()) ids.push(`${s.id} ${s.size}`);
  return ids.sort();
}

describe("arr sessions create with fallback", () => {
  test("first region full → second region; both full → Premium as <id>-premium; nothing left where it gave up", async () => {
    const regions = `${emulator.url},${emulator.regions[1]?.url ?? ""}`;
    await east.sessions.create("occupant", { size: "Standard", maxLeaseTimeMinutes: 60 });
    const args = (id: string) => ["sessions", "create", id, "--size", "Standard,Premium", "--region-endpoint", regions, "--lease", "30", "--wait"];

    const first = await arr([...args("robot"), "--json"], env);
    assert.equal(first.code, 0, show(first));
    const landed = json(first) as { id: string; size: string; status: string; hostname: string };
    assert.deepEqual([landed.id, landed.size, landed.status], ["robot", "Standard", "Ready"]);
    assert.match(landed.hostname, /\.westeurope\./);
    assert.match(first.stderr, new RegExp(`session robot: Ready at ${emulator.regions[1]?.url ?? ""} \\(Standard\\) after 2 attempt`));

    // Now both regions are full of Standard sessions.
    const second = await arr(args("robot2"), env);
    assert.equal(second.code, 0, show(second));
    assert.match(second.stdout, /^Session:\s+robot2-premium$/m);
    assert.match(second.stdout, /^Size:\s+Premium/m);
    assert.match(second.stdout, /\.eastus\./);
    assert.deepEqual(await running(east), ["occupant Standard", "robot2-premium Premium"]);
    assert.deepEqual(await running(west), ["robot Standard"]);
  });

  test("several sizes without --wait, or --endpoint with --region-endpoint → exit 2", async () => {
    const noWait = await arr(["sessions", "create", "x", "--size", "Standard,Premium", "--lease", "5", "--endpoint", emulator.url], env);
    assert.equal(noWait.code, 2, show(noWait));
    assert.match(noWait.stderr, /--wait/);
    const both = await arr(["sessions", "create", "x", "--size", "Standard", "--lease", "5", "--endpoint", emulator.url, "--region-endpoint", emulator.url], env);
    assert.equal(both.code, 2, show(both));
    assert.match(both.stderr, /--region-endpoint/);
  });

  test("arr emulator --regions --capacity: the first line stays, then a line per region", async () => {
    const args = ["emulator", "--port", "0", "--regions", "eastus,westeurope", "--capacity", "Standard=1", "--capacity", "westeurope:Premium=0"];
    const child = await spawnArr(args);
    let sent = false;
    const run = await collect(child, args, {
      onStdout: (all) => {
        if (!sent && all.includes("Press Ctrl-C")) (sent = true), child.kill("SIGINT");
      },
    });
    assert.equal(run.code, 0, show(run));
    const lines = run.stdout.split("\n");
    const url = /^Emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? "")?.[1];
    assert.ok(url, show(run));
    assert.equal(lines[1], `Region eastus on ${url}`);
    assert.match(lines[2] ?? "", /^Region westeurope on http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(lines[2]?.endsWith(url), true);

    const bad = await arr(["emulator", "--capacity", "Huge=1"]);
    assert.equal(bad.code, 2, show(bad));
    assert.match(bad.stderr, /--capacity/);
  });
});

after(() => {
  for (const run of captured) assert.doesNotMatch(`${run.stdout}${run.stderr}`, /eyJ[\w-]+\.[\w-]+\./, show(run));
});
