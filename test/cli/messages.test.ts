// The error messages a newcomer meets, each saying what went wrong in words: https to a plain-http server,
// nothing listening, a wrong STS, a 404 naming the id, an endpoint with a path, every missing setting at once,
// the nearest command or flag, `--lease 0`, and plain http to another host (--allow-http / ARR_ALLOW_HTTP=1).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { arr, jsonError, show, startTestEmulator, type TestEmulator } from "./support.js";

let emulator: TestEmulator;
let other: TestEmulator;
before(async () => {
  [emulator, other] = await Promise.all([startTestEmulator(), startTestEmulator()]);
});
after(async () => {
  await Promise.all([emulator.close(), other.close()]);
});

/** A port nothing listens on: one the OS just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("error messages", { concurrency: 4 }, () => {
  test("https to the plain-http emulator: 'the server speaks plain http'", async () => {
    const url = emulator.url.replace("http://", "https://");
    const run = await arr(["sessions", "get", "s1"], { ...emulator.env, ARR_ENDPOINT: url, ARR_STS_ENDPOINT: url });
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, /speaks plain http, not https/);
    assert.ok(!/ssl3_get_record|openssl/i.test(run.stderr), show(run));
  });

  test("nothing listening: names the address and asks whether `arr emulator` is running", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const run = await arr(["sessions", "get", "s1"], { ...emulator.env, ARR_ENDPOINT: url, ARR_STS_ENDPOINT: url });
    assert.equal(run.code, 1, show(run));
    assert.ok(run.stderr.includes(`connection refused by 127.0.0.1:${port}`), show(run));
    assert.match(run.stderr, /Is `arr emulator` \(or the service\) running/);
  });

  test("a token from the wrong STS: the 401 says the STS address may be wrong", async () => {
    const run = await arr(["sessions", "get", "s1"], { ...emulator.env, ARR_STS_ENDPOINT: other.url });
    assert.equal(run.code, 1, show(run));
    assert.match(run.stderr, /\(HTTP 401\)/);
    assert.ok(run.stderr.includes(`issued by the STS at ${other.url}: the STS address may be wrong`), show(run));
  });

  test("a 404 names the id it looked for; an endpoint with a path says which URL was tried", async () => {
    const missing = await arr(["sessions", "get", "no-such-session"], emulator.env);
    assert.equal(missing.code, 1, show(missing));
    assert.match(missing.stderr, /looked for session 'no-such-session' in account 30ea64bd-100f-4bf0-adc9-29fa45d4880c/);
    const conversion = await arr(["conversions", "get", "no-such-conversion", "--json"], emulator.env);
    assert.match(String(jsonError(conversion)["message"]), /looked for conversion 'no-such-conversion'/);

    const withPath = await arr(["sessions", "get", "s1"], { ...emulator.env, ARR_ENDPOINT: `${emulator.url}/arr/` });
    assert.equal(withPath.code, 1, show(withPath));
    assert.ok(
      withPath.stderr.includes(`tried GET ${emulator.url}/arr/accounts/30ea64bd-100f-4bf0-adc9-29fa45d4880c/sessions/s1: the endpoint has the path /arr`),
      show(withPath),
    );
  });

  test("a missing configuration lists every missing setting at once", async () => {
    const run = await arr(["sessions", "list"], {});
    assert.equal(run.code, 2, show(run));
    assert.match(
      run.stderr,
      /--endpoint \(or ARR_ENDPOINT\), --account-id \(or ARR_ACCOUNT_ID\) and --account-key \(or ARR_ACCOUNT_KEY\) or --access-token \(or ARR_ACCESS_TOKEN\) are required/,
    );
  });

  test("an unknown command or flag suggests the nearest one", async () => {
    const [command, sub, flag] = await Promise.all([
      arr(["sesions", "list"]),
      arr(["sessions", "lsit"]),
      arr(["sessions", "create", "s1", "--size", "Standard", "--leas", "5"], emulator.env),
    ]);
    for (const run of [command, sub, flag]) assert.equal(run.code, 2, show(run));
    assert.match(command.stderr, /did you mean 'sessions'\?/);
    assert.match(sub.stderr, /did you mean 'list'\?/);
    assert.match(flag.stderr, /--leas is not an option of 'arr sessions create'; did you mean --lease\?/);
  });

  test("--lease 0 warns that the session expires as soon as it is Ready", async () => {
    const [zero, ten] = await Promise.all([
      arr(["sessions", "create", "lease-zero", "--size", "Standard", "--lease", "0"], emulator.env),
      arr(["sessions", "create", "lease-ten", "--size", "Standard", "--lease", "10"], emulator.env),
    ]);
    assert.equal(zero.code, 0, show(zero));
    assert.match(zero.stderr, /warning: --lease 0 means the session expires as soon as it is Ready/);
    assert.ok(!ten.stderr.includes("warning"), show(ten));
  });

  test("plain http to another host: refused naming --allow-http; allowed by the flag or ARR_ALLOW_HTTP=1", async () => {
    // [::ffff:127.0.0.1] reaches this machine's loopback but is not a name the loopback rule accepts.
    const url = emulator.url.replace("127.0.0.1", "[::ffff:127.0.0.1]");
    const env = { ...emulator.env, ARR_ENDPOINT: url, ARR_STS_ENDPOINT: url };
    const [refused, flag, variable] = await Promise.all([
      arr(["sessions", "list"], env),
      arr(["sessions", "list", "--allow-http"], env),
      arr(["sessions", "list"], { ...env, ARR_ALLOW_HTTP: "1" }),
    ]);
    assert.equal(refused.code, 2, show(refused));
    assert.match(refused.stderr, /--allow-http \(or ARR_ALLOW_HTTP=1\)/);
    assert.equal(flag.code, 0, show(flag));
    assert.equal(variable.code, 0, show(variable));
  });

  test("--verbose (and ARR_LOG=debug) log each request on stderr, without a secret", async () => {
    const [verbose, logged] = await Promise.all([
      arr(["--verbose", "sessions", "get", "no-such"], emulator.env),
      arr(["sessions", "list"], { ...emulator.env, ARR_LOG: "debug" }),
    ]);
    assert.match(verbose.stderr, /^remote-rendering-client: GET \/Accounts\/30ea64bd-100f-4bf0-adc9-29fa45d4880c\/token → 200 in \d+ ms \(MS-CV \S+\)$/m, show(verbose));
    assert.match(verbose.stderr, /^remote-rendering-client: GET \/accounts\/30ea64bd-100f-4bf0-adc9-29fa45d4880c\/sessions\/no-such → 404 in \d+ ms \(MS-CV \S+\)$/m);
    assert.match(logged.stderr, /^remote-rendering-client: GET \/accounts\/30ea64bd-100f-4bf0-adc9-29fa45d4880c\/sessions → 200/m, show(logged));
    const key = emulator.env["ARR_ACCOUNT_KEY"] ?? "?";
    for (const run of [verbose, logged]) assert.ok(!run.stderr.includes(key) && !/eyJ/.test(run.stderr), show(run));
  });
});
