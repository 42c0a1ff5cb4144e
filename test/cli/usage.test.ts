// The command line itself: help, version, and usage errors (exit 2, naming the flag and the rule, never echoing
// a secret). No service is reached: validation happens before any request.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { arr, captured, jsonError, show } from "./support.js";

// A closed port: any request would fail with a network error (exit 1), so exit 2 proves nothing was sent.
const offline = {
  ARR_ENDPOINT: "http://127.0.0.1:9",
  ARR_STS_ENDPOINT: "http://127.0.0.1:9",
  ARR_ACCOUNT_DOMAIN: "eastus.mixedreality.azure.com",
  ARR_ACCOUNT_ID: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
  ARR_ACCOUNT_KEY: "usage-test-account-key-Zk3q9",
};
const SECRET_FLAG_VALUE = "s3cr3t-value-that-must-not-echo";

describe("arr usage", { concurrency: 4 }, () => {
  test("--version prints package.json's version", async () => {
    // Through tsx on the source, as `npm start` runs it: the version comes from the real package.json.
    const run = await arr(["--version"], {}, { viaTsx: true });
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    assert.equal(run.code, 0, show(run));
    assert.equal(run.stdout, `${version}\n`);
    assert.equal(run.stderr, "");
  });

  test("--help lists every command and the connection variables", async () => {
    const run = await arr(["--help"]);
    assert.equal(run.code, 0, show(run));
    for (const text of [
      "arr sessions create <id>",
      "arr sessions update <id>",
      "arr sessions stop <id>",
      "arr sessions wait <id>",
      "arr conversions create <id>",
      "arr conversions wait <id>",
      "arr emulator",
      "arr token",
      "ARR_ENDPOINT",
      "ARR_ACCESS_TOKEN",
      "--sts-endpoint",
    ]) {
      assert.ok(run.stdout.includes(text), `help lacks ${text}\n${run.stdout}`);
    }
  });

  test("a group's and a command's --help", async () => {
    const [group, command, emulator] = await Promise.all([
      arr(["sessions", "--help"]),
      arr(["conversions", "create", "-h"]),
      arr(["emulator", "--help"]),
    ]);
    assert.equal(group.code, 0, show(group));
    assert.match(group.stdout, /arr sessions create <id> --size Standard\|Premium --lease <minutes> \[options\]/);
    assert.match(group.stdout, /arr sessions keep-alive <id> --max-lease <minutes> \[--by <minutes>\] \[--when-remaining <minutes>\] \[--stop-on-exit\]/);
    assert.equal(command.code, 0, show(command));
    for (const flag of ["--input-container", "--input-asset", "--input-prefix", "--input-sas", "--output-container", "--output-prefix", "--output-name", "--output-sas", "--wait"]) {
      assert.ok(command.stdout.includes(flag), `conversions create --help lacks ${flag}`);
    }
    assert.equal(emulator.code, 0, show(emulator));
    for (const flag of ["--account-id", "--account-key", "--account <id>:<key>", "--host", "--port", "--data-dir", "--token-seconds", "--startup-seconds", "--minute-seconds", "--conversion-seconds", "--fail-rate", "--seed", "--throttle"]) {
      assert.ok(emulator.stdout.includes(flag), `emulator --help lacks ${flag}`);
    }
  });

  test("no command prints help on stderr and exits 2; an unknown command exits 2", async () => {
    const [none, unknown, sub] = await Promise.all([arr([]), arr(["session", "list"]), arr(["sessions", "destroy", "x"])]);
    assert.equal(none.code, 2, show(none));
    assert.match(none.stderr, /Usage: arr <command>/);
    assert.equal(unknown.code, 2, show(unknown));
    assert.match(unknown.stderr, /'session' is not an arr command/);
    assert.equal(sub.code, 2, show(sub));
    assert.match(sub.stderr, /'destroy' is not a command of 'arr sessions'.*create, get, list, update, extend, keep-alive, stop, wait/);
  });

  const cases: { args: string[]; flag: string; rule: string; text: RegExp }[] = [
    { args: ["sessions", "create", "s1", "--size", "Standard"], flag: "--lease", rule: "required", text: /--lease is required/ },
    { args: ["sessions", "create", "s1", "--lease", "10"], flag: "--size", rule: "required", text: /--size is required/ },
    { args: ["sessions", "create", "s1", "--size", "Standard", "--lease", "ten"], flag: "--lease", rule: "type", text: /--lease must be an integer/ },
    { args: ["sessions", "create", "s1", "--size", "Huge", "--lease", "10"], flag: "--size", rule: "enum", text: /--size must be one of Standard, Premium/ },
    { args: ["sessions", "get"], flag: "<id>", rule: "required", text: /missing <id>/ },
    { args: ["sessions", "get", "s1", "--wait"], flag: "--wait", rule: "unknown", text: /--wait is not an option of 'arr sessions get'/ },
    { args: ["sessions", "update", "s1", "--lease"], flag: "--lease", rule: "required", text: /--lease needs a value/ },
    { args: ["conversions", "create", "c1", "--input-asset", "a.fbx", "--output-container", "https://x.blob.core.windows.net/o"], flag: "--input-container", rule: "required", text: /--input-container is required/ },
    { args: ["emulator", "--port", "70000"], flag: "--port", rule: "maximum", text: /--port must be at most 65535/ },
    { args: ["emulator", "--fail-rate", "-0.5"], flag: "--fail-rate", rule: "minimum", text: /--fail-rate must be at least 0/ },
    { args: ["emulator", "--startup-seconds", "soon"], flag: "--startup-seconds", rule: "type", text: /--startup-seconds must be a number/ },
  ];
  for (const c of cases) {
    test(`arr ${c.args.join(" ")} → exit 2 naming ${c.flag} (${c.rule})`, async () => {
      const [human, machine] = await Promise.all([arr(c.args, offline), c.args[0] === "emulator" ? undefined : arr([...c.args, "--json"], offline)]);
      assert.equal(human.code, 2, show(human));
      assert.match(human.stderr, c.text);
      assert.ok(human.stderr.includes(`rule: ${c.rule}`), show(human));
      assert.equal(human.stdout, "");
      if (machine === undefined) return; // the emulator has no --json: it is a server, not a query
      assert.equal(machine.code, 2, show(machine));
      assert.equal(machine.stdout, "");
      const error = jsonError(machine);
      assert.equal(error["code"], "UsageError");
      assert.equal(error["flag"], c.flag);
      assert.equal(error["rule"], c.rule);
    });
  }

  test("limits of the spec come back from the client's validation as usage errors naming the flag", async () => {
    const [lease, id, output, sas] = await Promise.all([
      arr(["sessions", "create", "s1", "--size", "Standard", "--lease", "1441", "--json"], offline),
      arr(["sessions", "get", "no spaces allowed", "--json"], offline),
      arr(["conversions", "create", "c1", "--input-container", "https://x.blob.core.windows.net/in", "--input-asset", "a.fbx", "--output-container", "https://x.blob.core.windows.net/out", "--output-name", "a.glb", "--json"], offline),
      arr(["conversions", "create", "c1", "--input-container", "ftp://x/in", "--input-asset", "a.fbx", "--input-sas", SECRET_FLAG_VALUE, "--output-container", "https://x.blob.core.windows.net/out"], offline),
    ]);
    for (const [run, flag, rule] of [
      [lease, "--lease", "maximum"],
      [id, "<id>", "pattern"],
      [output, "--output-name", "pattern"],
    ] as const) {
      assert.equal(run.code, 2, show(run));
      const error = jsonError(run);
      assert.equal(error["code"], "ValidationError");
      assert.equal(error["flag"], flag, show(run));
      assert.equal(error["rule"], rule, show(run));
    }
    assert.equal(sas.code, 2, show(sas));
    assert.match(sas.stderr, /--input-container/);
  });

  test("connection settings: each missing one is named with its variable; key and token exclude each other", async () => {
    const { ARR_ENDPOINT: _e, ...noEndpoint } = offline;
    const { ARR_ACCOUNT_KEY: _k, ...noKey } = offline;
    const [endpoint, key, both, bothEnv] = await Promise.all([
      arr(["sessions", "list"], noEndpoint),
      arr(["sessions", "list", "--json"], noKey),
      arr(["sessions", "list", "--account-key", SECRET_FLAG_VALUE, "--access-token", `${SECRET_FLAG_VALUE}-2`], offline),
      arr(["sessions", "list"], { ...offline, ARR_ACCESS_TOKEN: SECRET_FLAG_VALUE }),
    ]);
    assert.equal(endpoint.code, 2, show(endpoint));
    assert.match(endpoint.stderr, /--endpoint \(or ARR_ENDPOINT\) is required \(rule: required\)/);
    assert.equal(key.code, 2, show(key));
    assert.equal(jsonError(key)["flag"], "--account-key");
    assert.equal(both.code, 2, show(both));
    assert.match(both.stderr, /either --account-key or --access-token, not both \(rule: oneOf\)/);
    assert.equal(bothEnv.code, 2, show(bothEnv));
    assert.match(bothEnv.stderr, /ARR_ACCOUNT_KEY or ARR_ACCESS_TOKEN/);
  });

  test("a network failure is exit 1 with the error's code", async () => {
    const run = await arr(["sessions", "get", "s1", "--json"], offline, { timeoutMs: 60_000 });
    assert.equal(run.code, 1, show(run));
    assert.equal(jsonError(run)["status"], 0);
  });

  test("usage errors never echo a secret flag's value", async () => {
    const runs = await Promise.all([
      arr(["sessions", "list", "--account-key", SECRET_FLAG_VALUE, "extra"], offline),
      arr(["sessions", "list", `--account-key=${SECRET_FLAG_VALUE}`, "--bogus"], offline),
      arr(["emulator", "--account", SECRET_FLAG_VALUE]),
      // A mistyped flag leaves its secret where the command word is expected.
      arr(["-account-key", `${SECRET_FLAG_VALUE}=`, "sessions", "list"], offline),
      arr(["sessions", `${SECRET_FLAG_VALUE}=`], offline),
      arr(["emulator", "--account", `not-a-uuid:${SECRET_FLAG_VALUE}`]),
      arr(["sessions", "get", "s1", "--access-token", SECRET_FLAG_VALUE, "--account-key", `${SECRET_FLAG_VALUE}x`, "--json"], offline),
    ]);
    for (const run of runs) {
      assert.equal(run.code, 2, show(run));
      assert.ok(!run.stderr.includes(SECRET_FLAG_VALUE) && !run.stdout.includes(SECRET_FLAG_VALUE), show(run));
    }
  });
});

after(() => {
  for (const run of captured) {
    for (const secret of [SECRET_FLAG_VALUE, offline.ARR_ACCOUNT_KEY]) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `secret printed by ${show(run)}`);
    }
  }
});
