// Connection settings from flags and the environment (flags win), `arr token`, and the secrets rule: an
// account key other than the development key, and every token, appear in no output but `arr token`'s stdout.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { arr, captured, json, jsonError, show, startTestEmulator, type Run, type TestEmulator } from "./support.js";

const ACCOUNT_ID = "0b9d5e2c-6f3a-4c1e-9a7b-2d8f4e6a1c3b";
const ACCOUNT_KEY = "connection-test-key-7Qm2xW9pL4vR8sT1";
const OTHER_ID = "5c2e8a1f-3b7d-4e9a-8c6f-1d4b7e2a9c5f";
const OTHER_KEY = "other-account-key-Hn3Jk8Lp2Qr6St0V";

let emulator: TestEmulator;
const tokens: string[] = [];
/** Runs whose stdout is allowed to hold a token: `arr token` itself. */
const tokenRuns = new Set<Run>();

before(async () => {
  // Sessions are Ready at once: this file is about connections and secrets, not about waiting.
  emulator = await startTestEmulator({
    startupSeconds: 0,
    accountId: ACCOUNT_ID,
    accountKey: ACCOUNT_KEY,
    accounts: [{ accountId: OTHER_ID, accountKey: OTHER_KEY }],
  });
});
after(async () => {
  await emulator.close();
});

// A closed port for settings that must lose against a flag.
const nowhere = "http://127.0.0.1:9";

describe("connection and secrets", { concurrency: 4 }, () => {
  test("arr token prints an STS token; --json adds its expiry; the token then works as --access-token", async () => {
    const [plain, machine] = await Promise.all([arr(["token"], emulator.env), arr(["token", "--json"], emulator.env)]);
    tokenRuns.add(plain).add(machine);
    assert.equal(plain.code, 0, show(plain));
    assert.match(plain.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    assert.equal(plain.stderr, "");
    const token = plain.stdout.trim();
    tokens.push(token);
    const parsed = json(machine) as { accessToken: string; expiresOn: string };
    tokens.push(parsed.accessToken);
    assert.ok(Date.parse(parsed.expiresOn) > Date.now());

    const { ARR_ACCOUNT_KEY: _k, ...withoutKey } = emulator.env;
    const [viaFlag, viaEnv] = await Promise.all([
      arr(["sessions", "list", "--access-token", token], withoutKey),
      arr(["sessions", "list", "--json"], { ...withoutKey, ARR_ACCESS_TOKEN: token }),
    ]);
    assert.equal(viaFlag.code, 0, show(viaFlag));
    assert.equal(viaEnv.code, 0, show(viaEnv));
  });

  test("flags win over the environment, setting by setting", async () => {
    const env = emulator.env;
    const [endpoint, key, token, accountId] = await Promise.all([
      // The environment points nowhere; the flag at the emulator.
      arr(["sessions", "list", "--endpoint", emulator.url], { ...env, ARR_ENDPOINT: nowhere }),
      // A wrong key in the environment, the right one by flag.
      arr(["sessions", "list", "--account-key", ACCOUNT_KEY], { ...env, ARR_ACCOUNT_KEY: "wrong-key-in-environment-0000" }),
      // A credential by flag replaces the environment's credential as a whole.
      arr(["sessions", "list", "--access-token", "not-a-valid-token-Zz9", "--json"], env),
      // The other account by flag, with its key by flag: works, so the environment's id was not used.
      arr(["sessions", "list", "--account-id", OTHER_ID, "--account-key", OTHER_KEY], env),
    ]);
    assert.equal(endpoint.code, 0, show(endpoint));
    assert.equal(key.code, 0, show(key));
    assert.equal(token.code, 1, show(token));
    assert.equal(jsonError(token)["status"], 401);
    assert.equal(accountId.code, 0, show(accountId));
  });

  test("a wrong key is exit 1 (401 from the STS) and is not printed", async () => {
    const [human, machine] = await Promise.all([
      arr(["sessions", "get", "any"], { ...emulator.env, ARR_ACCOUNT_KEY: OTHER_KEY }),
      arr(["token", "--json"], { ...emulator.env, ARR_ACCOUNT_KEY: OTHER_KEY }),
    ]);
    assert.equal(human.code, 1, show(human));
    assert.match(human.stderr, /^arr: \w+: .*\(HTTP 401\)$/m);
    assert.equal(machine.code, 1, show(machine));
    assert.equal(machine.stdout, "");
    assert.equal(jsonError(machine)["status"], 401);
  });

  test("a token of another account gets 403", async () => {
    const other = await arr(["token"], { ...emulator.env, ARR_ACCOUNT_ID: OTHER_ID, ARR_ACCOUNT_KEY: OTHER_KEY });
    tokenRuns.add(other);
    assert.equal(other.code, 0, show(other));
    const token = other.stdout.trim();
    tokens.push(token);
    const { ARR_ACCOUNT_KEY: _k, ...withoutKey } = emulator.env;
    const run = await arr(["sessions", "list", "--json"], { ...withoutKey, ARR_ACCESS_TOKEN: token });
    assert.equal(run.code, 1, show(run));
    assert.equal(jsonError(run)["status"], 403);
  });

  test("a whole lifecycle with a secret key, in both modes", async () => {
    const env = emulator.env;
    await Promise.all(
      [[], ["--json"]].map(async (mode) => {
        const id = `secret-${mode.length}`;
        const runs = [
          await arr(["sessions", "create", id, "--size", "Standard", "--lease", "5", "--wait", ...mode], env),
          await arr(["sessions", "update", id, "--lease", "6", ...mode], env),
          await arr(["sessions", "list", ...mode], env),
          await arr(["sessions", "stop", id, ...mode], env),
          await arr(["sessions", "update", id, "--lease", "1", ...mode], env),
        ];
        assert.deepEqual(runs.map((r) => r.code), [0, 0, 0, 0, 1], runs.map(show).join("\n"));
      }),
    );
  });
});

after(() => {
  assert.ok(tokens.length >= 3, "the token test must have run");
  for (const run of captured) {
    const secrets = [ACCOUNT_KEY, OTHER_KEY, ...(tokenRuns.has(run) ? [] : tokens)];
    for (const secret of secrets) {
      assert.ok(!run.stdout.includes(secret), `secret on stdout of ${show(run)}`);
      assert.ok(!run.stderr.includes(secret), `secret on stderr of ${show(run)}`);
    }
    // Nothing token-shaped either, whoever issued it — except where a token was asked for.
    if (!tokenRuns.has(run)) assert.doesNotMatch(`${run.stdout}${run.stderr}`, /eyJ[\w-]{4,}\.[\w-]{4,}\./, show(run));
  }
});
