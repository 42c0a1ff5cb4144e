// `arr emulator` as a real process: first line, printed account, serving the CLI, closing on SIGINT/SIGTERM.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { arr, collect, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, show, spawnArr } from "./support.js";

/** Starts `arr emulator …`, runs `during(url, stdout)` once it listens, then sends `signal` and collects. */
async function withEmulatorProcess(
  args: string[],
  during: (url: string, stdout: string) => Promise<void>,
  signal: NodeJS.Signals = "SIGINT",
) {
  const fullArgs = ["emulator", "--port", "0", "--startup-seconds", "0.5", ...args];
  const child = await spawnArr(fullArgs);
  let work: Promise<void> | undefined;
  let failure: unknown;
  const run = await collect(child, fullArgs, {
    onStdout: (all) => {
      const url = /^Emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(all)?.[1];
      if (url && work === undefined && all.includes("Press Ctrl-C")) {
        work = during(url, all)
          .catch((e: unknown) => {
            failure = e;
          })
          .finally(() => child.kill(signal));
      }
    },
  });
  await work;
  if (failure) throw failure;
  return run;
}

describe("arr emulator", { concurrency: 2 }, () => {
  test("first line names the URL, prints the development account, serves the CLI, closes on SIGINT", async () => {
    const run = await withEmulatorProcess([], async (url, stdout) => {
      assert.ok(stdout.includes(DEVELOPMENT_ACCOUNT_ID));
      assert.ok(stdout.includes(DEVELOPMENT_ACCOUNT_KEY));
      assert.ok(stdout.includes(`export ARR_ENDPOINT=${url}`));
      // Paste what it printed into another process's environment, as a user would.
      const env = Object.fromEntries([...stdout.matchAll(/^ {2}export (ARR_\w+)=(\S+)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
      const created = await arr(["sessions", "create", "via-process", "--size", "Standard", "--lease", "5", "--wait"], env);
      assert.equal(created.code, 0, show(created));
      assert.match(created.stdout, /^Status:\s+Ready$/m);
    });
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^Emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(run.stdout, /Emulator closed\.\n$/);
  });

  test("a key of one's own is never printed; SIGTERM closes too", async () => {
    const key = "my-own-emulator-key-9f8e7d6c5b4a";
    const other = "second-account-key-0a1b2c3d4e5f";
    const run = await withEmulatorProcess(
      ["--account-id", "11111111-2222-3333-4444-555555555555", "--account-key", key, "--account", `66666666-7777-8888-9999-000000000000:${other}`],
      async (url) => {
        const env = {
          ARR_ENDPOINT: url,
          ARR_STS_ENDPOINT: url,
          ARR_ACCOUNT_DOMAIN: "eastus.mixedreality.azure.com",
          ARR_ACCOUNT_ID: "66666666-7777-8888-9999-000000000000",
          ARR_ACCOUNT_KEY: other,
        };
        const listed = await arr(["sessions", "list"], env);
        assert.equal(listed.code, 0, show(listed));
        const wrong = await arr(["sessions", "list", "--json"], { ...env, ARR_ACCOUNT_KEY: key });
        assert.equal(wrong.code, 1, show(wrong));
        assert.ok(!`${wrong.stdout}${wrong.stderr}`.includes(key), show(wrong));
      },
      "SIGTERM",
    );
    assert.equal(run.code, 0, show(run));
    assert.ok(run.stdout.includes("11111111-2222-3333-4444-555555555555"));
    assert.ok(!`${run.stdout}${run.stderr}`.includes(key) && !`${run.stdout}${run.stderr}`.includes(other), show(run));
  });
});
