// The package as a consumer gets it: built as `prepare` builds it (scripts/build.ts), packed with npm, installed from the tarball into a fresh
// project (from npm's cache; nothing beyond the npm registry), imported from plain ESM and type-checked
// against its shipped .d.ts. The build goes to a staging folder so the repository's dist/ is left alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const tsc = join(root, "node_modules", ".bin", "tsc");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const quiet = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: quiet, timeout: 90_000 });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const consumerMjs = `
import { createServer } from "node:http";
import { createRemoteRenderingClient, isRemoteRenderingError, ValidationError } from "remote-rendering-client";

const session = { id: "s1", size: "Standard", status: "Ready", hostname: "h.example", handshakePort: 50051 };
const server = createServer((req, res) => {
  const ok = req.headers.authorization === "Bearer t0k3n" && req.url.includes("api-version=2021-01-01");
  res.writeHead(ok ? 200 : 401, { "content-type": "application/json", "ms-cv": "cv" });
  res.end(ok ? JSON.stringify(session) : "");
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const client = createRemoteRenderingClient({
  endpoint: "http://127.0.0.1:" + server.address().port,
  accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
  credential: { accessToken: "t0k3n" },
});
const got = await client.sessions.get("s1");
let validation = "";
try { await client.sessions.get("not valid"); } catch (e) { validation = e instanceof ValidationError ? e.rule : String(e); }
const missing = await createRemoteRenderingClient({
  endpoint: "http://127.0.0.1:" + server.address().port,
  accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
  credential: { accessToken: "wrong" },
}).sessions.get("s1").catch((e) => e);
server.close();

// The other entries of the bundled package: the emulator (a session made through the client's credential
// exchange against it) and storage (its errors are the same classes whichever entry they come from).
const { startEmulator, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY } = await import("remote-rendering-client/emulator");
const storage = await import("remote-rendering-client/storage");
const emulator = await startEmulator({ startupSeconds: 0 });
const emulated = createRemoteRenderingClient({
  endpoint: emulator.url,
  accountId: DEVELOPMENT_ACCOUNT_ID,
  accountDomain: "eastus.mixedreality.azure.com",
  stsEndpoint: emulator.url,
  credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY },
});
const created = await emulated.sessions.create("packed", { size: "Standard", maxLeaseTimeMinutes: 10 });
emulated.close();
await emulator.close();
let storageError = "";
try { storage.parseConnectionString("not a connection string"); } catch (e) { storageError = e instanceof storage.StorageError ? "StorageError" : String(e); }
console.log(JSON.stringify({ status: got.status, validation, unauthorized: isRemoteRenderingError(missing, 401), emulated: created.id, storageError }));
`;

const consumerTs = `
import {
  createRemoteRenderingClient, RemoteRenderingError, ValidationError, SessionEndedError, ConversionFailedError,
  isRemoteRenderingError, type Session, type Conversion, type RemoteRenderingClient, type TokenCredential,
} from "remote-rendering-client";

const client: RemoteRenderingClient = createRemoteRenderingClient({
  endpoint: "https://remoterendering.eastus.mixedreality.azure.com",
  accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
  accountDomain: "eastus.mixedreality.azure.com",
  credential: { accountKey: "key" },
  retry: { maxRetries: 5 },
  timeoutMs: 10_000,
});
export async function lifecycle(signal: AbortSignal): Promise<string> {
  const created: Session = await client.sessions.create("s", { size: "Standard", maxLeaseTimeMinutes: 60 }, { signal });
  const ready = await client.sessions.waitUntilReady(created.id, { signal, onProgress: (s) => s.status });
  for await (const s of client.sessions.list()) void s.hostname;
  await client.sessions.stop(ready.id);
  const conversion: Conversion = await client.conversions.waitUntilDone("c");
  try {
    await client.sessions.get("s");
  } catch (e) {
    if (isRemoteRenderingError(e, 404)) { const status: 404 = e.status; return String(status) + e.body?.error.code; }
    if (e instanceof SessionEndedError || e instanceof ConversionFailedError || e instanceof ValidationError) throw e;
    if (e instanceof RemoteRenderingError) return e.code;
  }
  return conversion.status;
}
// @ts-expect-error size is required
void client.sessions.create("s", { maxLeaseTimeMinutes: 60 });
export const credential: TokenCredential = { getToken: async () => ({ token: "t", expiresOnTimestamp: 0 }) };
`;

test("npm pack ships compiled JS and .d.ts only; the tarball installs, imports from ESM and type-checks", { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "arr-pack-"));
  try {
    // 1. Build like `prepare` does, into a staging copy of the package.
    const stage = join(work, "stage");
    mkdirSync(stage);
    for (const entry of ["package.json", "README.md", "LICENSE", "spec"]) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    run(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts"), "--out-dir", join(stage, "dist")], root);

    // 2. Pack it and check what a consumer would get.
    const packed = JSON.parse(run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], stage)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    assert.ok(files.includes("dist/src/index.js") && files.includes("dist/src/index.d.ts"), "entry point and its types");
    assert.ok(files.includes("package.json"));
    assert.ok(files.includes("LICENSE"), "the license ships in the package");
    const unwanted = files.filter((f) => /^(test|scripts|src|generated|node_modules|\.ci|\.tmp)\//.test(f) || (/\.ts$/.test(f) && !f.endsWith(".d.ts")) || /\.tsbuildinfo$/.test(f));
    assert.deepEqual(unwanted, [], "no sources, tests or scripts in the tarball");
    const tarball = join(work, packed[0]?.filename ?? "");

    // 3. Install it into a fresh project from npm's cache.
    const project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }));
    const install = spawnSync(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: project, encoding: "utf8", env: quiet, timeout: 90_000 });
    if (install.status !== 0) run(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], project);

    // 4. Import it from plain ESM (no tsx, no TypeScript) and make a call.
    writeFileSync(join(project, "smoke.mjs"), consumerMjs);
    const output = execFileSync(process.execPath, ["smoke.mjs"], { cwd: project, encoding: "utf8", timeout: 30_000 });
    assert.deepEqual(JSON.parse(output.trim()), { status: "Ready", validation: "pattern", unauthorized: true, emulated: "packed", storageError: "StorageError" });
    // The bin finds its package.json from the bundled layout.
    const version = execFileSync(process.execPath, [join(project, "node_modules", "remote-rendering-client", "dist", "src", "cli", "main.js"), "--version"], { encoding: "utf8" });
    assert.match(version, new RegExp(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version.replace(/\./g, "\\.")));

    // 5. Type-check a consumer against the shipped .d.ts, strictly, with this repository's tsc.
    writeFileSync(join(project, "consumer.ts"), consumerTs);
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2023", "DOM", "DOM.Iterable"],
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: false, // check the shipped .d.ts …
          skipDefaultLibCheck: true, // … but not TypeScript's own lib files
          noEmit: true,
        },
        files: ["consumer.ts"],
      }),
    );
    run(tsc, ["-p", join(project, "tsconfig.json")], project);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
