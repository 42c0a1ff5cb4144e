// `arr emulator` as a real process, for what a newcomer meets: it ends with the process that started it (the
// `npx arr emulator & …; kill $!` pattern); a damaged journal stops the start with the file and line named, and
// --repair starts from what can be read; --data-dir pointing at a file is said in words; --verbose logs each
// request without a secret.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { builtCli } from "./build.js";
import { arr, collect, root, show, spawnArr } from "./support.js";

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arr-cli-emulator-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `arr emulator …` until its banner is out, runs `during`, then SIGINT; resolves to the run. */
async function emulatorRun(args: string[], during: (url: string) => Promise<void> = async () => undefined) {
  const child = await spawnArr(["emulator", "--port", "0", ...args]);
  let work: Promise<void> | undefined;
  const run = collect(child, args, {
    onStdout: (all) => {
      const url = /^Emulator listening on (\S+)\n/.exec(all)?.[1];
      if (url && work === undefined && all.includes("Press Ctrl-C")) work = during(url).finally(() => child.kill("SIGINT"));
    },
  });
  const done = await run;
  await work;
  return done;
}

describe("arr emulator, what a newcomer meets", { concurrency: 2 }, () => {
  test("ends when the process that started it is killed", async (t) => {
    const main = await builtCli();
    // A stand-in for `npx`: starts the emulator with the same stdout, says its PID, then lives until killed.
    const script =
      `const c = require("node:child_process").spawn(process.execPath, [${JSON.stringify(main)}, "emulator", "--port", "0"], { stdio: "inherit" });` +
      ` process.stderr.write("emulator pid " + c.pid + "\\n"); setInterval(() => {}, 1 << 30);`;
    const parent = spawn(process.execPath, ["-e", script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let emulatorPid: number | undefined;
    // Should the emulator outlive the test (the failure this test exists for), it is not left running.
    t.after(() => {
      try {
        if (emulatorPid !== undefined) process.kill(emulatorPid, "SIGKILL");
      } catch {
        // Already gone, as it should be.
      }
    });
    // 'close' comes once every holder of the pipes is gone: the emulator too, not only its parent.
    const run = await collect(parent, ["(parent of) emulator"], {
      onStderr: (all) => {
        emulatorPid ??= Number(/^emulator pid (\d+)$/m.exec(all)?.[1]) || undefined;
      },
      onStdout: (all) => {
        if (all.includes("Press Ctrl-C")) parent.kill("SIGKILL");
      },
    });
    assert.equal(run.signal, "SIGKILL");
    assert.match(run.stdout, /The process that started the emulator \(PID \d+\) has ended/, show(run));
    assert.match(run.stdout, /Emulator closed\.\n$/, show(run));
  });

  test("--no-exit-with-parent is accepted and the emulator serves until SIGINT", async () => {
    const run = await emulatorRun(["--no-exit-with-parent"], async (url) => {
      assert.equal((await fetch(`${url}/accounts/30ea64bd-100f-4bf0-adc9-29fa45d4880c/sessions`)).status, 401);
    });
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /Received SIGINT, closing the emulator/);
  });

  test("a damaged journal: exit 1 naming file and line, untouched; --repair starts from what it can read", async (t) => {
    const dir = await folder(t);
    const journal = join(dir, "journal.ndjson");
    const header = '{"type":"journal","version":1}\n';
    const event = (id: string) =>
      `${JSON.stringify({ type: "sessionCreated", accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c", id, size: "Standard", maxLeaseTimeMinutes: 10, createdAt: Date.now(), vmId: "d4cefb7b-10b9-4631-934d-67445ffa9126", handshakePort: 50000 })}\n`;
    const content = `${header}${event("kept-1")}not json at all\n${event("kept-2")}`;
    await writeFile(journal, content);

    const refused = await arr(["emulator", "--port", "0", "--data-dir", dir]);
    assert.equal(refused.code, 1, show(refused));
    assert.ok(refused.stderr.includes(journal), show(refused));
    assert.match(refused.stderr, /line 3\b/);
    assert.match(refused.stderr, /--repair/);
    assert.equal(await readFile(journal, "utf8"), content, "the journal is untouched");

    const repaired = await emulatorRun(["--data-dir", dir, "--repair"], async (url) => {
      const env = { ARR_ENDPOINT: url, ARR_STS_ENDPOINT: url, ARR_ACCOUNT_ID: "30ea64bd-100f-4bf0-adc9-29fa45d4880c", ARR_ACCOUNT_KEY: "ZW11bGF0b3ItZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldA==" };
      const list = await arr(["sessions", "get", "kept-2", "--json"], env);
      assert.equal(list.code, 0, show(list));
    });
    assert.equal(repaired.code, 0, show(repaired));
    assert.match(repaired.stderr, /repaired the journal/);
    const kept = (await readdir(dir)).filter((n) => n.startsWith("journal.ndjson.damaged-"));
    assert.equal(kept.length, 1);
    assert.equal(await readFile(join(dir, kept[0] ?? ""), "utf8"), content);
  });

  test("--data-dir pointing at a file says so", async (t) => {
    const file = join(await folder(t), "state.json");
    await writeFile(file, "{}");
    const run = await arr(["emulator", "--port", "0", "--data-dir", file]);
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, /is a file, not a folder/);
  });

  test("--verbose logs one line per request: method, path, status, MS-CV, account, why refused; no secret", async () => {
    const run = await emulatorRun(["--verbose"], async (url) => {
      await fetch(`${url}/accounts/30ea64bd-100f-4bf0-adc9-29fa45d4880c/sessions/s1?api-version=2021-01-01`, {
        headers: { authorization: "Bearer not-a-token-SECRETISH-123456" },
      });
      await fetch(`${url}/Accounts/30ea64bd-100f-4bf0-adc9-29fa45d4880c/token?api-version=2019-02-28-preview`, {
        headers: { authorization: "Bearer 30ea64bd-100f-4bf0-adc9-29fa45d4880c:WrongKeySECRETISH-abcdef" },
      });
    });
    assert.equal(run.code, 0, show(run));
    assert.match(
      run.stderr,
      /^GET \/accounts\/30ea64bd-100f-4bf0-adc9-29fa45d4880c\/sessions\/s1 → 401 in [\d.]+ ms {2}MS-CV \S+ {2}account 30ea64bd-100f-4bf0-adc9-29fa45d4880c {2}refused: Unauthorized: The access token is not valid\.$/m,
      show(run),
    );
    assert.match(run.stderr, /^GET \/Accounts\/30ea64bd-100f-4bf0-adc9-29fa45d4880c\/token → 401 .* refused: Unauthorized: The credential is not valid/m);
    assert.ok(!run.stderr.includes("SECRETISH") && !run.stdout.includes("SECRETISH"), show(run));
  });
});
