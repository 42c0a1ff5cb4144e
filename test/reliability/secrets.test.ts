// Secrets never leak: a non-development account key, STS tokens and SAS tokens are registered with a scanner,
// then every error the client raises (message, stack, String, JSON.stringify, util.inspect), every emulator log
// line, the emulator's journal, and the stdout/stderr of `arr` child processes (human and --json, success and
// failure; `arr token`'s own stdout excepted) are scanned for them and for anything shaped like a JWT.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { createRemoteRenderingClient, type FetchLike, type RemoteRenderingClient } from "../../src/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { builtCli } from "../cli/build.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { SecretScanner } from "../support/secrets.js";
import { childTransportArgs } from "../support/transport-under-test.js";
import { DOMAIN } from "./support.js";

const ACCOUNT = "5ec7e700-0000-4000-8000-00000000c0de";
const KEY = "NonDevAccountKey+Zq8vR3xW1mT6pL0sY4cH9dJ2fG7bN5kE=";
const OTHER_ACCOUNT = "5ec7e700-0000-4000-8000-0000000000b2";
const OTHER_KEY = "SecondAccountKey/Hk2Lp9Qw4Er7Ty1Ui6Op3As8Df5Gh0Jk=";
const WRONG_KEY = "WrongAccountKey+Mn3Bv6Cx9Za2Sd5Fg8Hj1Kl4Qw7Er0Ty=";
const BOGUS_TOKEN = "opaque-bogus-access-token-7f3e9a1c5b2d8e4f";
const SAS_SIG_IN = "SigInputQk9Zx2Wv5Ut8Rs1Pq4On7Ml0Kj3Ih6Gf";
const SAS_SIG_OUT = "SigOutputYt4Re7Wq0Az3Sx6Dc9Fv2Gb5Hn8Jm1Kl";
const SAS_SIG_URL = "SigInUrlPl5Ok8Ij1Uh4Yg7Tf0Rd3Es6Wa9Qz2Xc";
const sas = (sig: string) => `sv=2020-08-04&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;
const SAS_IN = sas(SAS_SIG_IN);
const SAS_OUT = sas(SAS_SIG_OUT).replace("sp=rl", "sp=wl");

const root = fileURLToPath(new URL("../../", import.meta.url));
const scanner = new SecretScanner()
  .add("account key", KEY)
  .add("second account key", OTHER_KEY)
  .add("wrong account key", WRONG_KEY)
  .add("bogus access token", BOGUS_TOKEN)
  .add("input SAS", SAS_IN)
  .add("input SAS signature", SAS_SIG_IN)
  .add("output SAS", SAS_OUT)
  .add("output SAS signature", SAS_SIG_OUT)
  .add("SAS signature in a URL", SAS_SIG_URL);

let emulator: Emulator;
let dataDir: string;
const logs: string[] = [];

/** Every Authorization a client sent: the tokens it got from the STS are secrets too. */
function capturing(next: FetchLike = (input, init) => fetch(input, init)): FetchLike {
  return (input, init) => {
    const authorization = input.headers.get("authorization");
    const token = authorization?.replace(/^Bearer\s+/i, "");
    if (token !== undefined && token.length >= 8) scanner.add("a token or credential the client sent", token);
    return next(input, init);
  };
}

function client(overrides: Partial<Parameters<typeof createRemoteRenderingClient>[0]> = {}): RemoteRenderingClient {
  return createRemoteRenderingClient({
    endpoint: emulator.url,
    stsEndpoint: emulator.url,
    accountId: ACCOUNT,
    accountDomain: DOMAIN,
    credential: { accountKey: KEY },
    fetch: capturing(),
    retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
    ...overrides,
  });
}

const conversion = (asset: string, inputSas = SAS_IN, outputSas = SAS_OUT) => ({
  inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: asset, storageContainerReadListSas: inputSas },
  outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out", storageContainerWriteSas: outputSas },
});

/** Runs `what` and returns what it rejected with (failing when it resolves). */
async function failure(what: string, run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => assert.fail(`${what}: expected a failure`),
    (error: unknown) => {
      scanner.scanError(what, error);
      return error;
    },
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "arr-secrets-"));
  emulator = await startEmulator({
    accounts: [
      { accountId: ACCOUNT, accountKey: KEY },
      { accountId: OTHER_ACCOUNT, accountKey: OTHER_KEY },
    ],
    startupSeconds: 0,
    conversionSeconds: 0,
    dataDir,
    log: (line) => logs.push(line),
  });
});

after(async () => {
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

test("client errors carry no key, token or SAS: message, stack, String, JSON, util.inspect", async () => {
  const c = client();
  await c.sessions.create("sec-s1", { size: "Standard", maxLeaseTimeMinutes: 10 });
  scanner.add("STS token of the client", await c.getAccessToken());
  await failure("get of a missing session (404)", () => c.sessions.get("missing"));
  await failure("create with other settings (409)", () => c.sessions.create("sec-s1", { size: "Premium", maxLeaseTimeMinutes: 10 }));
  await failure("update to a smaller lease (422)", () => c.sessions.update("sec-s1", { maxLeaseTimeMinutes: 5 }));
  await c.sessions.create("fail-sec", { size: "Standard", maxLeaseTimeMinutes: 10 });
  await failure("waitUntilReady of a failing session", () => c.sessions.waitUntilReady("fail-sec", { intervalMs: 1 }));
  const created = await c.conversions.create("sec-c1", conversion("robot.fbx"));
  scanner.scan("conversion create answer", JSON.stringify(created));
  await failure("conversion create with other settings and SAS (409)", () => c.conversions.create("sec-c1", conversion("other.fbx")));
  await c.conversions.create("sec-miss", conversion("missing.fbx"));
  await failure("waitUntilDone of a failing conversion", () => c.conversions.waitUntilDone("sec-miss", { intervalMs: 1 }));
  for await (const item of c.conversions.list()) scanner.scan("conversion list item", JSON.stringify(item));
  await failure("conversion with a SAS in the container URL (validation)", () =>
    c.conversions.create("sec-v", { ...conversion("a.fbx"), inputLocation: { ...conversion("a.fbx").inputLocation, storageContainerUri: `http://evil.example/in?${sas(SAS_SIG_URL)}` } }),
  );
  await failure("conversion with a SAS as output name (validation)", () =>
    c.conversions.create("sec-v", { ...conversion("a.fbx"), outputLocation: { storageContainerUri: "https://x.example/out", outputAssetFilename: `out?${sas(SAS_SIG_URL)}` } }),
  );
  await failure("conversion with a non-string SAS (validation)", () =>
    c.conversions.create("sec-v", { ...conversion("a.fbx"), inputLocation: { ...conversion("a.fbx").inputLocation, storageContainerReadListSas: [SAS_IN] as never } }),
  );
  await failure("the wrong account key (STS 401)", () => client({ credential: { accountKey: WRONG_KEY } }).sessions.get("sec-s1"));
  await failure("a bogus access token (401)", () => client({ credential: { accessToken: BOGUS_TOKEN } }).sessions.get("sec-s1"));
  const otherToken = await client({ accountId: OTHER_ACCOUNT, credential: { accountKey: OTHER_KEY } }).getAccessToken();
  scanner.add("STS token of the other account", otherToken);
  const forbidden = await failure("another account's token (403)", () => client({ credential: { accessToken: otherToken } }).sessions.get("sec-s1"));
  assert.equal((forbidden as { status?: unknown }).status, 403);
  const port = await closedPort();
  await failure("a refused connection", () => client({ endpoint: `http://127.0.0.1:${port}`, stsEndpoint: `http://127.0.0.1:${port}` }).sessions.get("x"));
  await failure("a refused connection with a token", () =>
    client({ endpoint: `http://127.0.0.1:${port}`, credential: { accessToken: BOGUS_TOKEN } }).conversions.create("x", conversion("a.fbx")),
  );

  // A server that echoes what it was sent: the client must scrub it from what it reports.
  const echo = await startScriptedServer();
  try {
    echo.always("GET", /\/token$/, (r) => ({ status: 401, headers: { "www-authenticate": "Bearer" }, body: { error: { code: "Unauthorized", message: `bad credential ${String(r.headers.authorization)}`, target: String(r.headers.authorization) } } }));
    echo.always("*", /\/sessions\//, (r) => ({
      status: 400,
      body: { error: { code: "BadRequest", message: `you sent ${String(r.headers.authorization)}`, details: [{ code: "Echo", message: r.url, target: String(r.headers.authorization) }], innerError: { code: "Inner", message: String(r.headers.authorization) } } },
    }));
    echo.always("PUT", /\/conversions\//, (r) => ({ status: 409, body: { error: { code: "Conflict", message: `settings were ${r.body}` } } }));
    echo.always("GET", /\/conversions\//, (r) => ({ status: 500, headers: { "content-type": "text/plain" }, body: `oops ${String(r.headers.authorization)} ${r.body}` }));
    const viaKey = client({ endpoint: echo.url, stsEndpoint: echo.url, retry: false });
    await failure("an STS that echoes the account key", () => viaKey.sessions.get("x"));
    const viaToken = client({ endpoint: echo.url, credential: { accessToken: BOGUS_TOKEN }, retry: false });
    await failure("a service that echoes the token", () => viaToken.sessions.get("x"));
    await failure("a service that echoes the SAS", () => viaToken.conversions.create("x", conversion("a.fbx")));
    await failure("a service that echoes the token as text", () => viaToken.conversions.get("x"));
    // Requests as the client stores them for errors: none of the above kept a header.
  } finally {
    await echo.close();
  }
  assert.ok(scanner.scanned > 80, `scanned ${scanner.scanned} texts`);
});

// ---------------------------------------------------------------- the CLI
interface Run {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function clean(): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARR_"))), NO_COLOR: "1" };
}

async function arr(args: readonly string[], timeoutMs = 30_000): Promise<Run> {
  const child = spawn(process.execPath, [...childTransportArgs, await builtCli(), ...args], { cwd: root, env: clean(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`arr ${args.join(" ")} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ args, code, stdout, stderr });
    });
  });
}

const label = (args: readonly string[]) =>
  `arr ${args.filter((a) => !a.startsWith("http")).join(" ").replaceAll(KEY, "<key>").replaceAll(WRONG_KEY, "<wrong key>").replace(/eyJ\S+/g, "<token>").slice(0, 160)}`;

function scanRun(run: Run, options: { stdoutIsTheSecret?: boolean } = {}): void {
  if (!options.stdoutIsTheSecret) scanner.scan(`${label(run.args)}: stdout`, run.stdout);
  scanner.scan(`${label(run.args)}: stderr`, run.stderr);
}

test("arr output (human and --json, success and failure) and emulator logs never show a secret", { timeout: 120_000 }, async () => {
  const port = await closedPort();
  const connection = (key = KEY, endpoint = emulator.url) => ["--endpoint", endpoint, "--sts-endpoint", endpoint, "--account-id", ACCOUNT, "--account-domain", DOMAIN, "--account-key", key];
  const storage = ["--input-container", "https://contoso.blob.core.windows.net/in", "--output-container", "https://contoso.blob.core.windows.net/out"];
  const sasFlags = ["--input-sas", SAS_IN, "--output-sas", SAS_OUT];
  const token = (await arr(["token", ...connection()])).stdout.trim();
  assert.match(token, /^eyJ/, "arr token prints a token");
  scanner.add("STS token printed by arr token", token);

  // [args, expected exit code]; each runs in human and in --json mode.
  const first: [string[], number][] = [
    [["sessions", "create", "cli-s1", "--size", "Standard", "--lease", "10", "--wait", ...connection()], 0],
    [["conversions", "create", "cli-c1", "--input-asset", "robot.fbx", ...storage, ...sasFlags, "--wait", ...connection()], 0],
  ];
  const rest: [string[], number][] = [
    [["sessions", "get", "cli-s1", ...connection()], 0],
    [["sessions", "get", "missing", ...connection()], 1],
    [["sessions", "update", "cli-s1", "--lease", "5", ...connection()], 1],
    [["sessions", "create", "fail-cli", "--size", "Standard", "--lease", "10", "--wait", ...connection()], 1],
    [["conversions", "list", ...connection()], 0],
    [["conversions", "create", "cli-c1", "--input-asset", "other.fbx", ...storage, ...sasFlags, ...connection()], 1],
    [["conversions", "create", "cli-miss", "--input-asset", "missing.fbx", ...storage, ...sasFlags, "--wait", ...connection()], 1],
    [["conversions", "create", "cli-v", "--input-asset", "a.fbx", "--input-container", `http://evil.example/in?${sas(SAS_SIG_URL)}`, "--output-container", "https://x.example/out", ...sasFlags, ...connection()], 2],
    [["conversions", "create", "cli-v", "--input-asset", "a.fbx", ...storage, "--output-name", `out?${sas(SAS_SIG_URL)}`, ...sasFlags, ...connection()], 2],
    [["sessions", "get", "cli-s1", ...connection(WRONG_KEY)], 1],
    [["token", ...connection(WRONG_KEY)], 1],
    [["sessions", "get", "missing", "--endpoint", emulator.url, "--account-id", ACCOUNT, "--access-token", token], 1],
    [["sessions", "get", "cli-s1", "--endpoint", emulator.url, "--account-id", ACCOUNT, "--access-token", BOGUS_TOKEN], 1],
    [["sessions", "get", "cli-s1", "--endpoint", emulator.url, "--account-id", ACCOUNT, "--access-token", token, "--account-key", KEY], 2],
    [["sessions", "get", "cli-s1", ...connection(KEY, `http://127.0.0.1:${port}`)], 1],
  ];
  const runAll = async (list: [string[], number][]) => {
    const runs = await Promise.all(
      list.flatMap(([args, code]) => [args, [...args, "--json"]].map(async (a) => ({ run: await arr(a), code }))),
    );
    for (const { run, code } of runs) {
      assert.equal(run.code, code, `${label(run.args)} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
      scanRun(run);
    }
  };
  await runAll(first);
  for (let i = 0; i < rest.length; i += 2) await runAll(rest.slice(i, i + 2));
  const json = await arr(["token", "--json", ...connection()]);
  assert.equal(json.code, 0);
  scanRun(json, { stdoutIsTheSecret: true });
  scanner.add("STS token printed by arr token --json", (JSON.parse(json.stdout) as { accessToken: string }).accessToken);

  // `arr emulator` with a non-development key: its banner and log lines (stderr) show no key, no token.
  const child = spawn(process.execPath, [await builtCli(), "emulator", "--port", "0", "--account", `${ACCOUNT}:${KEY}`, "--account", `${OTHER_ACCOUNT}:${OTHER_KEY}`, "--startup-seconds", "0", "--conversion-seconds", "0"], {
    cwd: root,
    env: clean(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`arr emulator did not start: ${out} ${err}`)), 20_000);
      child.stdout.setEncoding("utf8").on("data", (s: string) => {
        out += s;
        const found = /Emulator listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    for (const args of [
      ["sessions", "create", "emu-s1", "--size", "Standard", "--lease", "10", ...connection(KEY, url)],
      ["conversions", "create", "emu-c1", "--input-asset", "robot.fbx", ...storage, ...sasFlags, ...connection(KEY, url)],
      ["sessions", "get", "x", ...connection(WRONG_KEY, url)],
    ]) scanRun(await arr(args));
  } finally {
    child.kill("SIGTERM");
    await closed;
  }
  scanner.scan("arr emulator: stdout", out);
  scanner.scan("arr emulator: stderr", err);
  assert.match(out, /Emulator listening on/);

  for (const [i, line] of logs.entries()) scanner.scan(`emulator log line ${i + 1}`, line);
  assert.ok(logs.length > 10, `emulator log lines: ${logs.length}`);
  for (const name of await readdir(dataDir)) scanner.scan(`data dir file ${name}`, await readFile(join(dataDir, name), "utf8"));
});

test("no secret appeared in anything captured (and the scanner does find one when it is there)", () => {
  assert.ok(scanner.size >= 14, `${scanner.size} secret values scanned for: ${scanner.labels.join(", ")}`);
  assert.deepEqual(scanner.leaks, [], `secrets leaked:\n${scanner.report()}`);
  const probe = new SecretScanner().add("key", KEY);
  probe.scan("probe", `message with ${KEY} inside and a eyJhbGciOi.eyJhY2NvdW50.c2lnbmF0dXJl token`);
  assert.equal(probe.leaks.length, 2);
});
