// Runs the README's CLI walk-through (the ```sh block after the `cli-walkthrough` marker) with bash against an
// emulator in this process, `arr` being the CLI.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { builtCli } from "./build.js";
import { root, startTestEmulator, type TestEmulator } from "./support.js";

const MARKER = "<!-- cli-walkthrough";

/** The ```sh block that follows `marker` in the README. */
function blockAfter(marker: string): { source: string; script: string } {
  const source = "README.md";
  const text = readFileSync(`${root}${source}`, "utf8");
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `${source} has lost its marker ${marker} -->`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(block?.[1], `${source}: no \`\`\`sh block after ${marker} -->`);
  return { source, script: block[1] };
}

const walkthrough = () => blockAfter(MARKER);

/** Runs a README block with bash, `arr` being the built CLI, pointed at the test's emulator. */
async function runBlock(
  found: { source: string; script: string },
  env: Readonly<Record<string, string>> = emulator.env,
): Promise<{ code: number | null; stdout: string; dump: string }> {
  const main = await builtCli();
  const script = `set -euo pipefail\narr() { "${process.execPath}" "${main}" "$@"; }\n${found.script}`;
  const child = spawn("bash", ["-c", script], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, dump: `${found.source}\n--- stdout\n${stdout}\n--- stderr\n${stderr}` };
}

let emulator: TestEmulator;
before(async () => {
  // Ready at once and quick conversions: the walk-through is about the commands, not the waiting.
  // The README starts it with `--linked-storage contoso`: its conversion reads contoso without SAS tokens.
  emulator = await startTestEmulator({ startupSeconds: 0, conversionSeconds: 0.5, linkedStorage: ["contoso"] });
});
after(async () => {
  await emulator.close();
});

test("the README's CLI walk-through runs against the emulator", async () => {
  const { code, stdout, dump } = await runBlock(walkthrough());
  assert.equal(code, 0, dump);
  assert.match(stdout, /^Status:\s+Ready$/m, dump);
  assert.match(stdout, /^ArrInspector:\s+https:\/\//m, dump);
  assert.match(stdout, /^Output asset:\s+https:\/\/\S+robot\.arrAsset$/m, dump);
  // The block's deliberate failures exit as the README says.
  assert.match(stdout, /^exit code 1$/m, dump);
  assert.match(stdout, /^exit code 2$/m, dump);
});

test("the README's CLI walk-through runs once over TLS (arr emulator --https, its CA through ARR_CA_FILE)", async (t) => {
  const secure = await startTestEmulator({ https: true, startupSeconds: 0, conversionSeconds: 0.5, linkedStorage: ["contoso"] });
  t.after(() => secure.close());
  assert.match(secure.env["ARR_ENDPOINT"] ?? "", /^https:\/\//);
  assert.ok(secure.env["ARR_CA_FILE"], "the https emulator's environment names its CA");
  const { code, stdout, dump } = await runBlock(walkthrough(), secure.env);
  assert.equal(code, 0, dump);
  assert.match(stdout, /^Status:\s+Ready$/m, dump);
  assert.match(stdout, /^Output asset:\s+https:\/\/\S+robot\.arrAsset$/m, dump);
  assert.match(stdout, /^exit code 1$/m, dump);
  assert.match(stdout, /^exit code 2$/m, dump);
});

test("the README's first CLI block (help and version) runs as shown", async () => {
  const { code, stdout, dump } = await runBlock(blockAfter("<!-- cli-help"));
  assert.equal(code, 0, dump);
  assert.match(stdout, /arr sessions create/, dump);
  assert.match(stdout, /^\d+\.\d+\.\d+$/m, dump);
});
