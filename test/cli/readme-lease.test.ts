// Runs the README's lease and fallback block (the ```sh block after the `cli-lease` marker) with bash, `arr` being
// the CLI, against an emulator serving eastus and westeurope with one Standard server each.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { builtCli } from "./build.js";
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, root } from "./support.js";

const MARKER = "<!-- cli-lease";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ regions: ["eastus", "westeurope"], capacity: [{ size: "Standard", max: 1 }], startupSeconds: 0 });
});
after(async () => {
  await emulator.close();
});

test("the README's lease and fallback block runs against a two-region emulator", async () => {
  const text = readFileSync(`${root}README.md`, "utf8");
  const at = text.indexOf(MARKER);
  assert.ok(at >= 0, `README.md has lost its marker ${MARKER} -->`);
  const script = /```sh\n([\s\S]*?)```/.exec(text.slice(at))?.[1];
  assert.ok(script, "no ```sh block after the marker");
  const main = await builtCli();
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARR_"))),
    EASTUS: emulator.url,
    WESTEUROPE: emulator.regions[1]?.url ?? "",
    ARR_STS_ENDPOINT: emulator.url,
    ARR_ACCOUNT_ID: DEVELOPMENT_ACCOUNT_ID,
    ARR_ACCOUNT_KEY: DEVELOPMENT_ACCOUNT_KEY,
  };
  const child = spawn("bash", ["-c", `set -euo pipefail\narr() { "${process.execPath}" "${main}" "$@"; }\n${script}`], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const dump = `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
  assert.equal(code, 0, dump);
  assert.match(stderr, /session robot: Ready at http:\/\/127\.0\.0\.1:\d+ \(Standard\) after 2 attempt/, dump);
  assert.match(stdout, /^Hostname:\s+\S+\.remoterendering\.vm\.westeurope\./m, dump);
  assert.match(stdout, /^Lease:\s+45 min/m, dump);
  assert.match(stdout, /^exit code 2$/m, dump);
  assert.match(stdout, /Stopped session 'robot'/, dump);
});
