// Durability with a data dir: a restart (clean, or after kill -9 of a real child process in the middle of
// concurrent writes) loses no acknowledged write; SAS tokens never reach the disk; tokens survive.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../src/emulator/index.js";
import { ACCOUNT, API, KEY, STS_API, reply, conversionBody, sessionBody, startHarness } from "./support.js";

const SAS = "sv=2021&sig=NEVER-ON-DISK-4b1d";

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arr-emulator-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function everything(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")))).join("\n");
}

test("a restart replays every write; tokens stay valid; SAS never written", async (t) => {
  const dataDir = await folder(t);
  const first = await startHarness({ dataDir, startupSeconds: 5, minuteSeconds: 1 });
  const start = first.clock.now();
  assert.equal((await first.call("PUT", "/sessions/keep-1", sessionBody(10))).status, 201);
  assert.equal((await first.call("PATCH", "/sessions/keep-1", { maxLeaseTimeMinutes: 20 })).status, 200);
  assert.equal((await first.call("PUT", "/sessions/keep-2", sessionBody(5, "Premium"))).status, 201);
  assert.equal((await first.call("POST", "/sessions/keep-2/:stop")).status, 204);
  const conversion = conversionBody("a/b.fbx", { storageContainerReadListSas: SAS }, { storageContainerWriteSas: SAS });
  assert.equal((await first.call("PUT", "/conversions/keep-c", conversion)).status, 201);
  const token = await first.token();
  const before = (await first.call("GET", "/sessions/keep-1")).text;
  await first.close();
  assert.ok(!(await everything(dataDir)).includes("NEVER-ON-DISK"), "a SAS reached the data dir");

  const second = await startHarness({ dataDir, startupSeconds: 5, minuteSeconds: 1 });
  t.after(() => second.close());
  second.clock.set(start);
  const again = await second.call("GET", "/sessions/keep-1", undefined, { token });
  assert.equal(again.status, 200, "a token of before the restart still works");
  assert.equal(again.text, before);
  assert.equal(((await second.call("GET", "/sessions/keep-2")).body as { status: string }).status, "Stopped");
  assert.equal((await second.call("PUT", "/conversions/keep-c", conversionBody("a/b.fbx"))).status, 200, "same settings");
  assert.equal((await second.call("PUT", "/sessions/keep-1", sessionBody(10))).status, 200, "the create is still idempotent");
  assert.ok(second.logs.some((l) => l.startsWith("replayed 5 journal events")), second.logs.join("\n"));
});

test("a torn last journal line (a kill during a write) is dropped, the rest replayed", async (t) => {
  const dataDir = await folder(t);
  const first = await startHarness({ dataDir });
  await first.call("PUT", "/sessions/torn-1", sessionBody());
  await first.close();
  await appendFile(join(dataDir, "journal.ndjson"), '{"type":"sessionCreated","accountId":"30ea');
  const second = await startHarness({ dataDir });
  t.after(() => second.close());
  assert.equal((await second.call("GET", "/sessions/torn-1")).status, 200);
  assert.equal((await second.call("PUT", "/sessions/torn-2", sessionBody())).status, 201);
  assert.ok(second.logs.some((l) => l.includes("incomplete last journal line")));
  await second.close();
  const third = await startHarness({ dataDir });
  t.after(() => third.close());
  assert.equal((await third.call("GET", "/sessions/torn-2")).status, 200, "writes after the repair are kept");
});

const fixture = fileURLToPath(new URL("./fixtures/serve.ts", import.meta.url));

async function spawnEmulator(options: object): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const match = /^Emulator listening on (http:\/\/\S+)$/.exec(first);
  assert.ok(match?.[1], first);
  return { child, url: match[1] };
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once("exit", () => resolve());
  child.kill("SIGKILL");
});

test("kill -9 right after acknowledged concurrent writes loses none of them (and the dir was locked)", async (t) => {
  const dataDir = await folder(t);
  const { child, url } = await spawnEmulator({ dataDir });
  t.after(() => killed(child));
  const sts = await fetch(`${url}/Accounts/${ACCOUNT}/token?${STS_API}`, { headers: { Authorization: `Bearer ${ACCOUNT}:${KEY}` } });
  const { AccessToken } = (await sts.json()) as { AccessToken: string };
  const headers = { Authorization: `Bearer ${AccessToken}`, "Content-Type": "application/json" };
  // A lease is the acknowledged one, or a later update that was durable but cut before its answer.
  const acknowledged = new Map<string, { path: string; lease?: number; attempted?: number }>();
  const write = async (i: number) => {
    const kind = i % 3 === 0 ? "conversions" : "sessions";
    const path = `/accounts/${ACCOUNT}/${kind}/crash-${i}`;
    const body = kind === "sessions" ? sessionBody(10 + i) : conversionBody(`m/${i}.fbx`, { storageContainerReadListSas: SAS }, { storageContainerWriteSas: SAS });
    try {
      const a = await reply(await fetch(`${url}${path}?${API}`, { method: "PUT", headers, body: JSON.stringify(body) }));
      if (a.status === 201) acknowledged.set(path, kind === "sessions" ? { path, lease: 10 + i } : { path });
      if (kind === "sessions" && a.status === 201 && i % 2 === 0) {
        acknowledged.set(path, { path, lease: 10 + i, attempted: 100 + i });
        const u = await fetch(`${url}${path}?${API}`, { method: "PATCH", headers, body: JSON.stringify({ maxLeaseTimeMinutes: 100 + i }) });
        if (u.status === 200) acknowledged.set(path, { path, lease: 100 + i });
      }
    } catch {
      // Refused or cut by the kill: not acknowledged, so nothing is owed.
    }
  };
  // While the child lives, no other process may open its data dir.
  await assert.rejects(startEmulator({ dataDir }), /in use by the emulator process/);
  // Two waves: the first all acknowledged, the second killed in flight right after the 10th answer.
  await Promise.all(Array.from({ length: 40 }, (_, i) => write(i)));
  assert.equal(acknowledged.size, 40);
  let answered = 0;
  await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      write(40 + i).then(() => {
        if (++answered === 10) child.kill("SIGKILL");
      }),
    ),
  );
  await killed(child);
  assert.equal(child.signalCode, "SIGKILL");
  assert.ok(acknowledged.size >= 50, `only ${acknowledged.size} acknowledged`);
  assert.ok(!(await everything(dataDir)).includes("NEVER-ON-DISK"));

  const restarted = await startEmulator({ dataDir });
  t.after(() => restarted.close());
  for (const { path, lease, attempted } of acknowledged.values()) {
    const a = await reply(await fetch(`${restarted.url}${path}?${API}`, { headers }));
    assert.equal(a.status, 200, `${path} lost after kill -9`);
    if (lease !== undefined) {
      const actual = (a.body as { maxLeaseTimeMinutes: number }).maxLeaseTimeMinutes;
      assert.ok(actual === lease || actual === attempted, `${path}: lease ${actual}, acknowledged ${lease}`);
    }
  }
});
