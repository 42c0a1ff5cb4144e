// Leaving a wait: Ctrl-C during `sessions create --wait` and a `--timeout` say that the session (or conversion)
// goes on in the service and print the exact command that deals with it. Also: `arr --help` lists --version, and
// a finished conversion's output URL is printed once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { arr, collect, show, spawnArr, startTestEmulator, type TestEmulator } from "./support.js";

/** The `{"error": …}` line of --json mode (the wait's progress lines come before it on stderr). */
function errorJson(stderr: string): Record<string, unknown> {
  const line = stderr.split("\n").find((l) => l.startsWith('{"error"'));
  assert.ok(line, `no {"error": …} line in: ${stderr}`);
  return (JSON.parse(line) as { error: Record<string, unknown> }).error;
}

let slow: TestEmulator;
before(async () => {
  // Sessions never get Ready and conversions never finish while these tests run.
  slow = await startTestEmulator({ startupSeconds: 100_000, conversionSeconds: 100_000 });
});
after(async () => {
  await slow.close();
});

const conversionArgs = (id: string) => [
  "conversions", "create", id,
  "--input-container", "https://contoso.blob.core.windows.net/models",
  "--input-asset", "robot.fbx",
  "--input-sas", "sv=2022-11-02&sig=WaitTestSignature000",
  "--output-container", "https://contoso.blob.core.windows.net/converted",
  "--output-sas", "sv=2022-11-02&sig=WaitTestSignature001",
];

describe("leaving a wait", { concurrency: 3 }, () => {
  test("Ctrl-C during sessions create --wait: exit 130, the session keeps running, the stop command", async () => {
    for (const json of [false, true]) {
      const id = json ? "ctrl-c-json" : "ctrl-c";
      const args = ["sessions", "create", id, "--size", "Standard", "--lease", "30", "--wait", ...(json ? ["--json"] : [])];
      const child = await spawnArr(args, slow.env);
      let sent = false;
      const run = await collect(child, args, {
        onStderr: (all) => {
          if (!sent && all.includes(`session ${id}: Starting`)) sent = child.kill("SIGINT");
        },
      });
      assert.equal(run.code, 130, show(run));
      if (json) {
        const error = errorJson(run.stderr);
        assert.equal(error["code"], "Interrupted");
        assert.equal(error["stopCommand"], `arr sessions stop ${id}`);
      } else {
        assert.match(run.stderr, new RegExp(`session '${id}' keeps running \\(and billing\\) until its lease ends or it is stopped`));
        assert.match(run.stderr, new RegExp(`^ {2}stop it with: arr sessions stop ${id}$`, "m"));
      }
    }
  });

  test("--timeout on sessions wait / create --wait: exit 1, saying the session goes on", async () => {
    const created = await arr(["sessions", "create", "slow-one", "--size", "Standard", "--lease", "30"], slow.env);
    assert.equal(created.code, 0, show(created));
    const [waited, createWait] = await Promise.all([
      arr(["sessions", "wait", "slow-one", "--timeout", "0.2", "--endpoint", slow.url], slow.env),
      arr(["sessions", "create", "slow-two", "--size", "Standard", "--lease", "30", "--wait", "--timeout", "0.2", "--json"], slow.env),
    ]);
    assert.equal(waited.code, 1, show(waited));
    assert.match(waited.stderr, /gave up waiting after 0\.2 s/);
    assert.match(waited.stderr, /session 'slow-one' keeps running/);
    assert.ok(waited.stderr.includes(`stop it with: arr sessions stop slow-one --endpoint ${slow.url}`), show(waited));
    assert.equal(createWait.code, 1, show(createWait));
    assert.equal(errorJson(createWait.stderr)["code"], "WaitTimeout");
    const [bad, noWait] = await Promise.all([
      arr(["sessions", "wait", "slow-one", "--timeout", "0"], slow.env),
      arr(["sessions", "create", "slow-three", "--size", "Standard", "--lease", "30", "--timeout", "5"], slow.env),
    ]);
    assert.equal(bad.code, 2, show(bad));
    assert.equal(noWait.code, 2, show(noWait));
    assert.match(noWait.stderr, /--timeout limits the wait: give --wait too/);
  });

  test("--timeout on conversions wait: exit 1, saying the conversion goes on", async () => {
    const created = await arr(conversionArgs("slow-conversion"), slow.env);
    assert.equal(created.code, 0, show(created));
    const run = await arr(["conversions", "wait", "slow-conversion", "--timeout", "0.2"], slow.env);
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, /gave up waiting after 0\.2 s/);
    assert.match(run.stderr, /conversion 'slow-conversion' goes on in the service/);
    assert.match(run.stderr, /follow it with: arr conversions wait slow-conversion/);
  });
});

describe("first impression", { concurrency: 2 }, () => {
  test("arr --help lists --version", async () => {
    const run = await arr(["--help"]);
    assert.equal(run.code, 0, show(run));
    assert.match(run.stdout, /^ {2}--version {2}Print the version of arr$/m);
  });

  test("a finished conversion's output URL is printed once", async (t) => {
    const fast = await startTestEmulator({ conversionSeconds: 0 });
    t.after(() => fast.close());
    const run = await arr([...conversionArgs("fast-conversion"), "--wait"], fast.env);
    assert.equal(run.code, 0, show(run));
    const url = "https://contoso.blob.core.windows.net/converted/robot.arrAsset";
    assert.equal(run.stdout.split(url).length - 1, 1, show(run));
  });
});
