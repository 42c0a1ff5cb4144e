// Crash safety: `arr emulator --data-dir` runs as a child process under a concurrent write workload (creates,
// updates and stops of sessions, creates of conversions) and is killed with SIGKILL at a random moment, 20
// times. After each restart on the same folder, every write that was acknowledged (answered 2xx) before the
// kill is there and intact; writes that were in flight may or may not have landed, but nothing is half-done.
// The same again with `--https` (issue 12), fewer times: the CA and server certificate in the data dir are
// reused after each kill, so a client trusting the first run's CA goes on working.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { builtCli } from "../cli/build.js";
import { caFetch, type CaFetch } from "../support/ca-fetch.js";
import { validateAgainst } from "../support/spec-validator.js";
import { ACCOUNT, API, KEY, STS_API, seeded } from "./support.js";

const SEED = 9_0210;
const KILLS = 20;
const HTTPS_KILLS = 4;
const WORKERS = 6;
const root = fileURLToPath(new URL("../../", import.meta.url));
// Limits that only stop a hang: a loaded machine may be slow to start a process or to run the 20 cycles, and how
// slow is not what this test asserts. Each wait fails on its own condition (a child that exits, a workload that
// stops) well before these.
const START_HANG_GUARD_MS = 120_000;
const RUN_HANG_GUARD_MS = 600_000;
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) child.kill("SIGKILL");
});

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
}

async function start(dataDir: string, https: boolean): Promise<Running> {
  const args = [await builtCli(), "emulator", "--port", "0", "--data-dir", dataDir, "--startup-seconds", "0", "--conversion-seconds", "3600", "--linked-storage", "contoso"];
  if (https) args.push("--https");
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.on("exit", () => {
    children.delete(child);
    resolve();
  }));
  let out = "";
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (err += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${out}\n${err}`)), START_HANG_GUARD_MS);
    child.on("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening:\n${out}\n${err}`)));
    child.stdout?.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const found = /Emulator listening on (https?:\/\/\S+)/.exec(out)?.[1];
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return { child, url, exited };
}

// What the acknowledged answers promise.
interface SessionFacts {
  readonly size: "Standard" | "Premium";
  /** The lease of the last acknowledged write (create or update). */
  ackedLease: number;
  /** The largest lease any request asked for (an unacknowledged update may have landed). */
  maxTriedLease: number;
  stopAcked: boolean;
}
interface ConversionFacts {
  readonly asset: string;
}

/** What one run knows, its own so that runs never mix (a timed-out run's workers may still be finishing). */
interface RunState {
  readonly sessions: Map<string, SessionFacts>;
  readonly conversions: Map<string, ConversionFacts>;
  /** The global fetch over http; one trusting the data dir's CA over https. */
  readonly client: CaFetch["fetch"];
}

async function call(run: RunState, url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await run.client(`${url}/accounts/${ACCOUNT}${path}?${API}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

/** One worker: writes until a request fails (the process was killed); records only what was acknowledged. */
async function worker(run: RunState, url: string, token: string, cycle: number, w: number, random: () => number, acks: { count: number }): Promise<void> {
  for (let n = 0; ; n++) {
    const { sessions, conversions } = run;
    const mine = [...sessions.entries()].filter(([id, s]) => id.startsWith(`k${cycle}-${w}-`) && !s.stopAcked);
    const pick = random();
    try {
      if (pick < 0.35 || mine.length === 0) {
        const id = `k${cycle}-${w}-${n}`;
        const size = random() < 0.5 ? "Standard" : "Premium";
        const lease = 10 + Math.floor(random() * 100);
        const r = await call(run, url, token, "PUT", `/sessions/${id}`, { size, maxLeaseTimeMinutes: lease });
        assert.equal(r.status, 201, `create ${id}: ${JSON.stringify(r.body)}`);
        sessions.set(id, { size, ackedLease: lease, maxTriedLease: lease, stopAcked: false });
      } else if (pick < 0.65) {
        const [id, s] = mine[Math.floor(random() * mine.length)] ?? [];
        if (id === undefined || s === undefined) continue;
        const lease = s.maxTriedLease + 1 + Math.floor(random() * 5);
        s.maxTriedLease = lease;
        const r = await call(run, url, token, "PATCH", `/sessions/${id}`, { maxLeaseTimeMinutes: lease });
        assert.equal(r.status, 200, `update ${id}: ${JSON.stringify(r.body)}`);
        s.ackedLease = lease;
      } else if (pick < 0.75) {
        const [id, s] = mine[Math.floor(random() * mine.length)] ?? [];
        if (id === undefined || s === undefined) continue;
        const r = await call(run, url, token, "POST", `/sessions/${id}/:stop`);
        assert.equal(r.status, 204, `stop ${id}`);
        s.stopAcked = true;
      } else {
        const id = `c${cycle}-${w}-${n}`;
        const asset = `models/m-${cycle}-${w}-${n}.fbx`;
        const r = await call(run, url, token, "PUT", `/conversions/${id}`, {
          settings: {
            inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: asset, storageContainerReadListSas: "sv=2020&sig=secret" },
            outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out" },
          },
        });
        assert.equal(r.status, 201, `create ${id}: ${JSON.stringify(r.body)}`);
        conversions.set(id, { asset });
      }
      acks.count++;
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      return; // the connection died with the process: the write in flight is unacknowledged
    }
  }
}

async function verify(run: RunState, url: string, token: string, cycle: number): Promise<number> {
  let checked = 0;
  // Everything written in the last two cycles by GET; every conversion ever acknowledged through the list.
  const recent = (id: string) => id.startsWith(`k${cycle}-`) || id.startsWith(`k${cycle - 1}-`) || id.startsWith(`c${cycle}-`) || id.startsWith(`c${cycle - 1}-`);
  const { sessions, conversions } = run;
  for (const [id, s] of sessions) {
    if (!recent(id)) continue;
    const r = await call(run, url, token, "GET", `/sessions/${id}`);
    assert.equal(r.status, 200, `after restart ${cycle}: acknowledged session ${id} is missing (${r.status})`);
    assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/session_properties", r.body), [], `${id} intact`);
    const body = r.body as { size: string; maxLeaseTimeMinutes: number; status: string };
    assert.equal(body.size, s.size, `${id}: size`);
    assert.ok(body.maxLeaseTimeMinutes >= s.ackedLease && body.maxLeaseTimeMinutes <= s.maxTriedLease, `${id}: lease ${body.maxLeaseTimeMinutes}, acknowledged ${s.ackedLease}, tried up to ${s.maxTriedLease}`);
    if (s.stopAcked) assert.equal(body.status, "Stopped", `${id}: an acknowledged stop`);
    else assert.ok(body.status === "Ready" || body.status === "Stopped", `${id}: status ${body.status}`);
    checked++;
  }
  const listed = new Map<string, unknown>();
  let next: string | undefined = `${url}/accounts/${ACCOUNT}/conversions?${API}`;
  while (next !== undefined) {
    const response: Response = await run.client(next, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const page = (await response.json()) as { conversions: { id: string; settings: unknown }[]; "@nextLink"?: string | null };
    for (const c of page.conversions) listed.set(c.id, c);
    next = page["@nextLink"] ?? undefined; // null on the last page, as the service sends it
  }
  for (const [id, c] of conversions) {
    const found = listed.get(id) as { settings: { inputLocation: { relativeInputAssetPath: string; storageContainerReadListSas?: string } } } | undefined;
    assert.ok(found !== undefined, `after restart ${cycle}: acknowledged conversion ${id} is missing`);
    assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/conversion", found), [], `${id} intact`);
    assert.equal(found.settings.inputLocation.relativeInputAssetPath, c.asset, `${id}: settings`);
    assert.equal(found.settings.inputLocation.storageContainerReadListSas, undefined, `${id}: no SAS stored`);
    checked++;
  }
  return checked;
}

async function crashRun(t: { diagnostic(message: string): void }, kills: number, https: boolean): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "arr-crash-"));
  const random = seeded(SEED);
  let running = await start(dataDir, https);
  // Over https, the first run's CA, trusted once: it must go on working after every restart.
  const trusting = https ? caFetch(await readFile(join(dataDir, "tls", "ca.pem"), "utf8")) : undefined;
  const run: RunState = { sessions: new Map(), conversions: new Map(), client: trusting?.fetch ?? ((url, init) => fetch(url, init)) };
  const { client, sessions, conversions } = run;
  const serverCertificate = https ? await readFile(join(dataDir, "tls", "server.pem"), "utf8") : undefined;
  // One token for the whole run: the signing secret is durable too, so tokens survive restarts.
  const answer = await client(`${running.url}/Accounts/${ACCOUNT}/token?${STS_API}`, { headers: { Authorization: `Bearer ${ACCOUNT}:${KEY}` } });
  assert.equal(answer.status, 200);
  const token = ((await answer.json()) as { AccessToken: string }).AccessToken;
  let totalAcks = 0;
  let totalChecked = 0;
  try {
    for (let cycle = 1; cycle <= kills; cycle++) {
      const acks = { count: 0 };
      const workers = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(run, running.url, token, cycle, w, seeded(SEED + cycle * 100 + w), acks)));
      let workersDone = false;
      void workers.then(
        () => (workersDone = true),
        () => (workersDone = true),
      );
      // Kill at a random moment once the workload is under way (a few acknowledged writes, then 0–150 ms of it).
      const minimum = 5 + Math.floor(random() * 40);
      while (acks.count < minimum && !workersDone) await new Promise((resolve) => setTimeout(resolve, 2));
      if (workersDone) {
        await workers; // a worker's failed assertion, if that is what stopped them
        assert.fail(`cycle ${cycle}: the workload stopped after ${acks.count} acknowledged writes, before the kill`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
      running.child.kill("SIGKILL");
      await running.exited;
      await workers;
      totalAcks += acks.count;
      running = await start(dataDir, https);
      totalChecked += await verify(run, running.url, token, cycle);
      if (serverCertificate !== undefined) {
        assert.equal(await readFile(join(dataDir, "tls", "server.pem"), "utf8"), serverCertificate, `restart ${cycle} issued a new certificate`);
      }
    }
    t.diagnostic(`${kills} kills${https ? " (https)" : ""}, ${totalAcks} acknowledged writes, ${sessions.size} sessions and ${conversions.size} conversions, ${totalChecked} checks after restarts`);
    assert.ok(totalAcks >= kills * 5);
  } finally {
    running.child.kill("SIGKILL");
    await running.exited;
    trusting?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

test(`SIGKILL at random moments under concurrent writes, ${KILLS} times: every acknowledged write survives`, { timeout: RUN_HANG_GUARD_MS }, async (t) => {
  await crashRun(t, KILLS, false);
});

test(`the same over https with --data-dir, ${HTTPS_KILLS} times: the certificate is reused after each restart`, { timeout: RUN_HANG_GUARD_MS }, async (t) => {
  await crashRun(t, HTTPS_KILLS, true);
});
