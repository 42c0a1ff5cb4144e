// `arr sessions …` end to end: real child processes against an emulator in this process.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { builtCli } from "./build.js";
import { arr, captured, collect, json, jsonError, show, spawnArr, startTestEmulator, type TestEmulator } from "./support.js";

let emulator: TestEmulator;
before(async () => {
  emulator = await startTestEmulator();
});
after(async () => {
  await emulator.close();
});

interface SessionJson {
  id: string;
  status: string;
  size: string;
  maxLeaseTimeMinutes?: number;
  hostname?: string;
  handshakePort?: number;
  arrInspectorPort?: number;
}
const asSession = (value: unknown): SessionJson => value as SessionJson;

describe("arr sessions", { concurrency: 4 }, () => {
  test("create → get → update → list → stop, human output", async () => {
    const env = emulator.env;
    const created = await arr(["sessions", "create", "human-1", "--size", "Standard", "--lease", "30"], env);
    assert.equal(created.code, 0, show(created));
    assert.match(created.stdout, /^Session:\s+human-1$/m);
    assert.match(created.stdout, /^Status:\s+Starting$/m);
    assert.match(created.stdout, /^Lease:\s+30 min/m);

    const updated = await arr(["sessions", "update", "human-1", "--lease", "45"], env);
    assert.equal(updated.code, 0, show(updated));
    assert.match(updated.stdout, /^Lease:\s+45 min/m);

    const listed = await arr(["sessions", "list"], env);
    assert.equal(listed.code, 0, show(listed));
    const lines = listed.stdout.trimEnd().split("\n");
    const header = lines[0] ?? "";
    assert.match(header, /^ID\s+STATUS\s+SIZE\s+LEASE\s+ELAPSED\s+HOSTNAME$/);
    const row = lines.find((l) => l.startsWith("human-1 "));
    assert.ok(row, show(listed));
    // Aligned: every column starts where its header does.
    for (const column of ["STATUS", "SIZE", "LEASE", "ELAPSED"]) {
      const at = header.indexOf(column);
      assert.ok(row[at - 1] === " " && row[at] !== " ", `column ${column} misaligned:\n${listed.stdout}`);
    }

    const stopped = await arr(["sessions", "stop", "human-1"], env);
    assert.equal(stopped.code, 0, show(stopped));
    assert.match(stopped.stdout, /Stopped session 'human-1'/);
    const got = await arr(["sessions", "get", "human-1", "--json"], env);
    assert.equal(asSession(json(got)).status, "Stopped");
  });

  test("create --wait ends Ready and prints hostname, handshake port and the ArrInspector address", async () => {
    const run = await arr(["sessions", "create", "ready-1", "--size", "Premium", "--lease", "10", "--wait"], emulator.env);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^Status:\s+Ready$/m);
    const hostname = /^Hostname:\s+(\S+)$/m.exec(run.stdout)?.[1];
    assert.ok(hostname !== undefined && hostname.endsWith(".mixedreality.azure.com"), show(run));
    assert.match(run.stdout, /^Handshake port:\s+\d{5}$/m);
    assert.match(run.stdout, new RegExp(`^ArrInspector:\\s+https://${hostname.replaceAll(".", "\\.")}:\\d{5}$`, "m"));
    // Not a TTY: plain progress lines on stderr, one per status.
    assert.match(run.stderr, /^session ready-1: Starting \(\d+s\)$/m);
    assert.match(run.stderr, /^session ready-1: Ready \(\d+s\)$/m);
    assert.doesNotMatch(run.stderr, /\r|\x1b/);
  });

  test("--json: results are JSON on stdout, a list is an array", async () => {
    const env = emulator.env;
    const created = await arr(["sessions", "create", "json-1", "--size", "Standard", "--lease", "20", "--json"], env);
    assert.equal(created.code, 0, show(created));
    const session = asSession(json(created));
    assert.equal(session.id, "json-1");
    assert.equal(session.status, "Starting");
    assert.equal(created.stderr, "");

    const waited = await arr(["sessions", "wait", "json-1", "--json"], env);
    assert.equal(waited.code, 0, show(waited));
    const ready = asSession(json(waited));
    assert.equal(ready.status, "Ready");
    assert.ok(ready.hostname && ready.handshakePort && ready.arrInspectorPort, show(waited));

    const listed = await arr(["--json", "sessions", "list"], env);
    const list = json(listed);
    assert.ok(Array.isArray(list), show(listed));
    assert.ok(list.map(asSession).some((s) => s.id === "json-1"));

    const stopped = await arr(["sessions", "stop", "json-1", "--json"], env);
    assert.deepEqual(json(stopped), { id: "json-1", stopped: true });
  });

  test("service errors exit 1 with code, message and MS-CV, in both modes", async () => {
    const env = emulator.env;
    const [missing, missingJson] = await Promise.all([
      arr(["sessions", "get", "no-such-session"], env),
      arr(["sessions", "get", "no-such-session", "--json"], env),
    ]);
    assert.equal(missing.code, 1, show(missing));
    assert.match(missing.stderr, /^arr: NotFound: .+ \(HTTP 404\)$/m);
    assert.match(missing.stderr, /^ {2}MS-CV: \S+$/m);
    assert.equal(missing.stdout, "");
    assert.equal(missingJson.code, 1, show(missingJson));
    assert.equal(missingJson.stdout, "");
    const error = jsonError(missingJson);
    assert.equal(error["code"], "NotFound");
    assert.equal(error["status"], 404);
    assert.equal(typeof error["message"], "string");
    assert.equal(typeof error["correlationVector"], "string");

    await arr(["sessions", "create", "conflict-1", "--size", "Standard", "--lease", "5"], env);
    const [conflict, notGreater] = await Promise.all([
      arr(["sessions", "create", "conflict-1", "--size", "Premium", "--lease", "5", "--json"], env),
      arr(["sessions", "update", "conflict-1", "--lease", "5", "--json"], env),
    ]);
    assert.equal(conflict.code, 1, show(conflict));
    assert.equal(jsonError(conflict)["status"], 409);
    assert.equal(notGreater.code, 1, show(notGreater));
    assert.equal(jsonError(notGreater)["status"], 422);
  });

  test("a wait that ends in Error exits 1 with the session's error code", async () => {
    const [human, machine] = await Promise.all([
      arr(["sessions", "create", "fail-human", "--size", "Standard", "--lease", "5", "--wait"], emulator.env),
      arr(["sessions", "create", "fail-json", "--size", "Standard", "--lease", "5", "--wait", "--json"], emulator.env),
    ]);
    assert.equal(human.code, 1, show(human));
    assert.match(human.stderr, /^arr: session 'fail-human' ended in Error: SessionStartFailed: /m);
    assert.match(human.stderr, /MS-CV: \S+/);
    assert.equal(machine.code, 1, show(machine));
    assert.equal(machine.stdout, "");
    // The progress lines come first on stderr; the error is its last line.
    const last = machine.stderr.trimEnd().split("\n").at(-1) ?? "";
    const error = (JSON.parse(last) as { error: Record<string, unknown> }).error;
    assert.equal(error["code"], "SessionStartFailed");
    assert.equal(error["sessionStatus"], "Error");
  });

  test("a wait on a stopped session exits 1", async () => {
    await arr(["sessions", "create", "stopped-1", "--size", "Standard", "--lease", "5"], emulator.env);
    await arr(["sessions", "stop", "stopped-1"], emulator.env);
    const run = await arr(["sessions", "wait", "stopped-1"], emulator.env);
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, /ended in Stopped/);
  });

  test("on a terminal, waiting is one progress line redrawn in place", async (t) => {
    // util-linux `script` gives the child a real pseudo-terminal; without it there is no TTY to test.
    if (spawnSync("script", ["--version"]).status !== 0) {
      t.skip("no `script` (util-linux) on this machine");
      return;
    }
    // create --wait: its first poll follows the create at once, so "Starting" is seen even on a loaded machine.
    const args = ["sessions", "create", "tty-1", "--size", "Standard", "--lease", "5", "--wait"];
    const command = [process.execPath, await builtCli(), ...args].map((a) => `'${a}'`).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], { env: { ...process.env, ...emulator.env }, stdio: ["ignore", "pipe", "pipe"] });
    const run = await collect(child, ["(tty)", ...args]);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /\r\x1b\[2K\S+ session tty-1: Starting \(\d+s\)/);
    assert.match(run.stdout, /\r\x1b\[2Ksession tty-1: Ready after \d+s\r?\n/);
    assert.match(run.stdout, /Status:\s+Ready/);
  });

  test("Ctrl-C while waiting aborts cleanly with exit 130", async () => {
    const slow = await startTestEmulator({ startupSeconds: 60 });
    try {
      const args = ["sessions", "create", "slow-1", "--size", "Standard", "--lease", "5", "--wait"];
      const child = await spawnArr(args, slow.env);
      let sent = false;
      const run = await collect(child, args, {
        onStderr: (all) => {
          if (!sent && all.includes("Starting")) {
            sent = true;
            child.kill("SIGINT");
          }
        },
      });
      assert.equal(run.code, 130, show(run));
      assert.match(run.stderr, /interrupted/);
      // Ended by the interrupt, not by the session coming up 60 s later (how soon is the machine's business).
      assert.doesNotMatch(`${run.stdout}${run.stderr}`, /Ready/, show(run));
    } finally {
      await slow.close();
    }
  });
});

after(() => {
  // The emulator's development key is public; nothing else secret was used, but no token may appear either.
  for (const run of captured) assert.doesNotMatch(`${run.stdout}${run.stderr}`, /eyJ[\w-]+\.[\w-]+\./, show(run));
});
