// Our client and `arr` against the https emulator (issue 12): trust through the `ca` option, --ca / ARR_CA_FILE
// or NODE_EXTRA_CA_CERTS, never by turning verification off; an untrusted certificate and plain http to the
// TLS port fail at once with a message that says what to do; `arr emulator --https`, --print-ca, --cert/--key
// and --accept-any-entra-token as a user runs them.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createRemoteRenderingClient, isRemoteRenderingError } from "../../src/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { transportUnderTest } from "../support/transport-under-test.js";
import { arr, collect, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, json, show, spawnArr, startTestEmulator } from "./support.js";

// The `ca` option belongs to the Node transport; the global fetch (npm run test:fetch) cannot take one.
const nodeOnly = transportUnderTest === "node" ? {} : { skip: "the Node transport is not the one under test" };
const account = { accountId: DEVELOPMENT_ACCOUNT_ID, credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY } };

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arr-https-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("the client against the https emulator", nodeOnly, () => {
  test("with the emulator's CA as `ca` it creates and reads a session", async (t) => {
    const emulator = await startEmulator({ https: true, startupSeconds: 0 });
    t.after(() => emulator.close());
    const client = createRemoteRenderingClient({ ...account, endpoint: emulator.url, stsEndpoint: emulator.url, ca: emulator.tls?.ca ?? "" });
    t.after(() => client.close());
    await client.sessions.create("tls-client", { size: "Standard", maxLeaseTimeMinutes: 10 });
    assert.equal((await client.sessions.get("tls-client")).status, "Ready");
  });

  test("without it the call fails at once, saying how to trust the emulator's CA", async (t) => {
    const emulator = await startEmulator({ https: true });
    t.after(() => emulator.close());
    const client = createRemoteRenderingClient({ ...account, endpoint: emulator.url, stsEndpoint: emulator.url });
    t.after(() => client.close());
    await assert.rejects(client.sessions.get("x"), (error: unknown) => {
      assert.ok(isRemoteRenderingError(error));
      assert.equal(error.code, "NetworkError");
      assert.match(error.message, /not signed by a CA this client trusts \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
      for (const way of ["`ca` option", "--ca <file>", "ARR_CA_FILE", "NODE_EXTRA_CA_CERTS"]) assert.ok(error.message.includes(way), error.message);
      return true;
    });
  });

  test("another CA (a wrong certificate) fails the same way, naming the remedy", async (t) => {
    const emulator = await startEmulator({ https: true });
    const other = await startEmulator({ https: true });
    t.after(() => Promise.all([emulator.close(), other.close()]).then(() => undefined));
    const client = createRemoteRenderingClient({ ...account, endpoint: emulator.url, stsEndpoint: emulator.url, ca: other.tls?.ca ?? "" });
    t.after(() => client.close());
    await assert.rejects(client.sessions.get("x"), /trust its CA/);
  });

  test("plain http to the https port is answered 400 'the server speaks https', not retried as a reset", async (t) => {
    const emulator = await startEmulator({ https: true, log: (line) => logs.push(line) });
    const logs: string[] = [];
    t.after(() => emulator.close());
    const plain = emulator.url.replace(/^https:/, "http:");
    const client = createRemoteRenderingClient({ ...account, endpoint: plain, stsEndpoint: plain });
    t.after(() => client.close());
    await assert.rejects(client.sessions.get("x"), (error: unknown) => {
      assert.ok(isRemoteRenderingError(error, 400));
      assert.match(error.message, /The server speaks https/);
      assert.ok(error.message.includes(emulator.url), error.message);
      return true;
    });
  });
});

describe("arr against the https emulator", nodeOnly, () => {
  test("ARR_CA_FILE (what the banner exports) or --ca trusts it; NODE_EXTRA_CA_CERTS does too", async (t) => {
    const emulator = await startTestEmulator({ https: true, startupSeconds: 0 });
    t.after(() => emulator.close());
    const caFile = emulator.env["ARR_CA_FILE"] ?? "";
    assert.ok(caFile.endsWith("ca.pem"));
    const created = await arr(["sessions", "create", "tls-arr", "--size", "Standard", "--lease", "10", "--json"], emulator.env);
    assert.equal(created.code, 0, show(created));
    const { ARR_CA_FILE: _, ...withoutCa } = emulator.env;
    const byFlag = await arr(["sessions", "get", "tls-arr", "--json", "--ca", caFile], withoutCa);
    assert.equal(byFlag.code, 0, show(byFlag));
    assert.equal((json(byFlag) as { status: string }).status, "Ready");
    const byNode = await arr(["sessions", "list", "--json"], { ...withoutCa, NODE_EXTRA_CA_CERTS: caFile });
    assert.equal(byNode.code, 0, show(byNode));
  });

  test("untrusted, unreadable and plain-http cases fail with what to do", async (t) => {
    const dir = await folder(t);
    const emulator = await startTestEmulator({ https: true });
    t.after(() => emulator.close());
    const { ARR_CA_FILE: _, ...withoutCa } = emulator.env;
    const untrusted = await arr(["sessions", "get", "x"], withoutCa);
    assert.equal(untrusted.code, 1, show(untrusted));
    assert.match(untrusted.stderr, /not signed by a CA this client trusts/);
    assert.match(untrusted.stderr, /ARR_CA_FILE/);

    const missing = await arr(["sessions", "get", "x", "--ca", join(dir, "nope.pem")], withoutCa);
    assert.equal(missing.code, 2, show(missing));
    assert.match(missing.stderr, /--ca: cannot read the CA file .*nope\.pem \(ENOENT\)/);

    await writeFile(join(dir, "junk.pem"), "not a certificate");
    const junk = await arr(["sessions", "get", "x", "--ca", join(dir, "junk.pem")], withoutCa);
    assert.equal(junk.code, 2, show(junk));
    assert.match(junk.stderr, /--ca/);

    const plain = emulator.url.replace(/^https:/, "http:");
    const http = await arr(["sessions", "get", "x"], { ...emulator.env, ARR_ENDPOINT: plain, ARR_STS_ENDPOINT: plain });
    assert.equal(http.code, 1, show(http));
    assert.match(http.stderr, /The server speaks https/);
  });
});

/** Starts `arr emulator …` and hands its URL and banner to `during`, then stops it with SIGINT. */
async function withEmulator(args: string[], during: (url: string, stdout: string) => Promise<void>) {
  const fullArgs = ["emulator", "--port", "0", "--startup-seconds", "0", ...args];
  const child = await spawnArr(fullArgs);
  let work: Promise<void> | undefined;
  let failure: unknown;
  const run = await collect(child, fullArgs, {
    onStdout: (all) => {
      const url = /^Emulator listening on (https?:\/\/127\.0\.0\.1:\d+)\n/.exec(all)?.[1];
      if (url && work === undefined && all.includes("Press Ctrl-C")) {
        work = during(url, all)
          .catch((e: unknown) => {
            failure = e;
          })
          .finally(() => child.kill("SIGINT"));
      }
    },
  });
  await work;
  if (failure) throw failure;
  return run;
}

/** The `export NAME=value` lines of a banner, as an environment. */
const exported = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^ {2}export (ARR_\w+)=(\S+)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));

describe("arr emulator --https", nodeOnly, () => {
  test("the banner's exports are enough for the CLI; --print-ca prints the data dir's CA", async (t) => {
    const dataDir = await folder(t);
    const run = await withEmulator(["--https", "--data-dir", dataDir], async (url, stdout) => {
      assert.match(url, /^https:/);
      assert.ok(stdout.split("\n")[1]?.endsWith(join(dataDir, "tls", "ca.pem")), stdout);
      const env = exported(stdout);
      assert.equal(env["ARR_CA_FILE"], join(dataDir, "tls", "ca.pem"));
      const listed = await arr(["sessions", "list", "--json"], env);
      assert.equal(listed.code, 0, show(listed));
      // Beside the running emulator (no lock is needed to read the CA).
      const printed = await arr(["emulator", "--print-ca", "--data-dir", dataDir]);
      assert.equal(printed.code, 0, show(printed));
      assert.equal(printed.stdout, await readFile(join(dataDir, "tls", "ca.pem"), "utf8"));
      assert.match(printed.stdout, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    });
    assert.equal(run.code, 0, show(run));
  });

  test("--cert/--key serve your certificate; usage errors name the flag", async (t) => {
    const dataDir = await folder(t);
    assert.equal((await arr(["emulator", "--print-ca", "--data-dir", dataDir])).code, 0, "--print-ca makes the CA when there is none");
    // A certificate of "yours": the one the development CA issues, made by a first run.
    const first = await withEmulator(["--https", "--data-dir", dataDir], async () => undefined);
    assert.equal(first.code, 0, show(first));
    const cert = join(dataDir, "tls", "server.pem");
    const key = join(dataDir, "tls", "server-key.pem");
    const run = await withEmulator(["--cert", cert, "--key", key], async (url, stdout) => {
      assert.match(url, /^https:/);
      assert.match(stdout, /certificate you gave/);
      const env = { ...exported(stdout), ARR_CA_FILE: join(dataDir, "tls", "ca.pem") };
      const listed = await arr(["sessions", "list"], env);
      assert.equal(listed.code, 0, show(listed));
    });
    assert.equal(run.code, 0, show(run));

    const alone = await arr(["emulator", "--cert", cert]);
    assert.equal(alone.code, 2, show(alone));
    assert.match(alone.stderr, /--cert and --key go together: --key is missing/);
    const noDir = await arr(["emulator", "--print-ca"]);
    assert.equal(noDir.code, 2, show(noDir));
    assert.match(noDir.stderr, /--print-ca needs --data-dir/);
    const wrongKey = await arr(["emulator", "--cert", cert, "--key", join(dataDir, "tls", "ca-key.pem")]);
    assert.equal(wrongKey.code, 2, show(wrongKey));
    assert.match(wrongKey.stderr, /--key/);
    assert.ok(!wrongKey.stderr.includes("PRIVATE KEY"), "a key's text is never printed");
  });

  test("--accept-any-entra-token lets the STS exchange an Entra-shaped token", async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const entra = `${part({ alg: "RS256", typ: "JWT" })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
    const run = await withEmulator(["--accept-any-entra-token"], async (url) => {
      const response = await fetch(`${url}/Accounts/${DEVELOPMENT_ACCOUNT_ID}/token?api-version=2019-02-28-preview`, {
        headers: { Authorization: `Bearer ${entra}` },
      });
      assert.equal(response.status, 200);
      const { AccessToken } = (await response.json()) as { AccessToken: string };
      const listed = await arr(["sessions", "list", "--json"], { ARR_ENDPOINT: url, ARR_ACCOUNT_ID: DEVELOPMENT_ACCOUNT_ID, ARR_ACCESS_TOKEN: AccessToken });
      assert.equal(listed.code, 0, show(listed));
    });
    assert.equal(run.code, 0, show(run));
  });
});
