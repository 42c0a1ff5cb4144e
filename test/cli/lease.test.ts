// `arr sessions extend`, `arr sessions keep-alive` and `arr sessions create --wait --keep-alive` as real child
// processes against an emulator in this process. The emulator's minutes are real minutes here, so elapsed time
// stays 0 during a test: extensions are triggered by --when-remaining above the lease (deterministic), and a
// session is ended by stopping it — never by waiting for time to pass.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { createRemoteRenderingClient, type RemoteRenderingClient } from "../../src/index.js";
import { arr, captured, collect, jsonError, show, spawnArr, startTestEmulator, type TestEmulator } from "./support.js";

let emulator: TestEmulator;
let client: RemoteRenderingClient;
before(async () => {
  emulator = await startTestEmulator({ startupSeconds: 0 });
  client = createRemoteRenderingClient({
    endpoint: emulator.url,
    stsEndpoint: emulator.url,
    accountId: emulator.env["ARR_ACCOUNT_ID"] ?? "",
    credential: { accountKey: emulator.env["ARR_ACCOUNT_KEY"] ?? "" },
  });
});
after(async () => {
  await emulator.close();
});

/** Runs `arr args`, calling `when(stdout)` once stdout matches `pattern` (once). */
async function runUntil(args: string[], pattern: RegExp, when: (child: ChildProcess) => Promise<void> | void) {
  const child = await spawnArr(args, emulator.env);
  let acted = false;
  let action: Promise<void> | undefined;
  const run = await collect(child, args, {
    onStdout: (all) => {
      if (!acted && pattern.test(all)) {
        acted = true;
        action = Promise.resolve(when(child));
      }
    },
  });
  await action;
  return run;
}

describe("arr sessions extend / keep-alive", { concurrency: 4 }, () => {
  test("extend --by adds to the current lease; past the maximum → exit 2 naming --by", async () => {
    await client.sessions.create("ext-1", { size: "Standard", maxLeaseTimeMinutes: 30 });
    const run = await arr(["sessions", "extend", "ext-1", "--by", "15"], emulator.env);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^Lease:\s+45 min/m);
    const tooFar = await arr(["sessions", "extend", "ext-1", "--by", "2000", "--json"], emulator.env);
    assert.equal(tooFar.code, 2, show(tooFar));
    const error = jsonError(tooFar);
    assert.equal(error["flag"], "--by");
    assert.equal(error["rule"], "maximum");
    assert.equal((await client.sessions.get("ext-1")).maxLeaseTimeMinutes, 45);
  });

  test("keep-alive prints each extension up to --max-lease; Ctrl-C (130) says the session keeps running", async () => {
    await client.sessions.create("keep-cli-1", { size: "Standard", maxLeaseTimeMinutes: 5 });
    const args = ["sessions", "keep-alive", "keep-cli-1", "--max-lease", "15", "--by", "5", "--when-remaining", "20"];
    const run = await runUntil(args, /lease extended to 15 min/, (child) => void child.kill("SIGINT"));
    assert.equal(run.code, 130, show(run));
    assert.deepEqual(run.stdout.match(/lease extended to \d+ min/g), ["lease extended to 10 min", "lease extended to 15 min"]);
    assert.match(run.stdout, /keeps running \(and billing\) until its lease ends, in about 15 min \(lease 15 min\)/);
    assert.match(run.stdout, /arr sessions stop keep-cli-1/);
    const session = await client.sessions.get("keep-cli-1");
    assert.equal(session.status, "Ready");
    assert.equal(session.maxLeaseTimeMinutes, 15);
  });

  test("keep-alive --stop-on-exit stops the session on Ctrl-C", async () => {
    await client.sessions.create("keep-cli-2", { size: "Standard", maxLeaseTimeMinutes: 5 });
    const args = ["sessions", "keep-alive", "keep-cli-2", "--max-lease", "10", "--by", "5", "--when-remaining", "20", "--stop-on-exit"];
    const run = await runUntil(args, /lease extended to 10 min/, (child) => void child.kill("SIGINT"));
    assert.equal(run.code, 130, show(run));
    assert.match(run.stdout, /stopped session 'keep-cli-2' \(--stop-on-exit\)/);
    assert.equal((await client.sessions.get("keep-cli-2")).status, "Stopped");
  });

  test("keep-alive ends with exit 0 when the session is stopped elsewhere", async () => {
    await client.sessions.create("keep-cli-3", { size: "Standard", maxLeaseTimeMinutes: 5 });
    // Short "minutes" on the keeper's side only: it reads at least every 5 × 0.2 s, so it sees the stop soon.
    const args = ["sessions", "keep-alive", "keep-cli-3", "--max-lease", "10", "--by", "5", "--when-remaining", "20", "--minute-seconds", "0.2"];
    const run = await runUntil(args, /lease extended to 10 min/, async () => {
      await client.sessions.stop("keep-cli-3");
    });
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^session keep-cli-3 ended: Stopped after 1 extension\(s\)$/m);
    assert.match(run.stdout, /^Status:\s+Stopped$/m);
  });

  test("create --wait --keep-alive --max-lease: Ready, then kept alive", async () => {
    const args = ["sessions", "create", "keep-cli-4", "--size", "Standard", "--lease", "5", "--wait", "--keep-alive", "--max-lease", "10", "--by", "5", "--when-remaining", "20"];
    const run = await runUntil(args, /lease extended to 10 min/, (child) => void child.kill("SIGINT"));
    assert.equal(run.code, 130, show(run));
    assert.match(run.stdout, /^Status:\s+Ready$/m);
    assert.match(run.stdout, /keeps running/);
    assert.equal((await client.sessions.get("keep-cli-4")).maxLeaseTimeMinutes, 10);
  });

  test("Ctrl-C while the session starts: --stop-on-exit stops it, else it says the session keeps running", async () => {
    const slow = await startTestEmulator({ startupSeconds: 600 });
    try {
      const slowClient = createRemoteRenderingClient({
        endpoint: slow.url,
        stsEndpoint: slow.url,
        accountId: slow.env["ARR_ACCOUNT_ID"] ?? "",
        credential: { accountKey: slow.env["ARR_ACCOUNT_KEY"] ?? "" },
      });
      for (const [id, extra] of [["starting-1", ["--stop-on-exit"]], ["starting-2", []]] as const) {
        const args = ["sessions", "create", id, "--size", "Standard", "--lease", "5", "--wait", "--keep-alive", "--max-lease", "60", ...extra];
        const child = await spawnArr(args, slow.env);
        let sent = false;
        const run = await collect(child, args, {
          onStderr: (all) => {
            if (!sent && all.includes("Starting")) (sent = true), child.kill("SIGINT");
          },
        });
        assert.equal(run.code, 130, show(run));
        const status = (await slowClient.sessions.get(id)).status;
        if (extra.length > 0) {
          assert.match(run.stderr, /Stopped session 'starting-1' \(--stop-on-exit\)/);
          assert.equal(status, "Stopped");
        } else {
          assert.match(run.stderr, /Session 'starting-2' keeps running \(and billing\) until its lease of 5 min ends/);
          assert.equal(status, "Starting");
        }
      }
    } finally {
      await slow.close();
    }
  });

  test("missing or too large --max-lease → exit 2 naming it, and nothing is created", async () => {
    const missing = await arr(["sessions", "keep-alive", "x", "--json"], emulator.env);
    assert.equal(missing.code, 2, show(missing));
    assert.equal(jsonError(missing)["flag"], "--max-lease");
    const tooLarge = await arr(["sessions", "keep-alive", "x", "--max-lease", "5000", "--json"], emulator.env);
    assert.equal(tooLarge.code, 2, show(tooLarge));
    assert.deepEqual([jsonError(tooLarge)["flag"], jsonError(tooLarge)["rule"]], ["--max-lease", "maximum"]);
    const badWhen = await arr(["sessions", "keep-alive", "x", "--max-lease", "60", "--when-remaining", "1", "--json"], emulator.env);
    assert.deepEqual([jsonError(badWhen)["flag"], jsonError(badWhen)["rule"]], ["--when-remaining", "minimum"]);
    for (const extra of [[], ["--max-lease", "5000"]]) {
      const create = await arr(["sessions", "create", "never-made", "--size", "Standard", "--lease", "5", "--wait", "--keep-alive", ...extra], emulator.env);
      assert.equal(create.code, 2, show(create));
    }
    await assert.rejects(client.sessions.get("never-made"), (e: unknown) => (e as { status?: number }).status === 404);
  });
});

after(() => {
  for (const run of captured) assert.doesNotMatch(`${run.stdout}${run.stderr}`, /eyJ[\w-]+\.[\w-]+\./, show(run));
});
