// Runs the README's CLI walk-through (the ```sh block after the `cli-walkthrough` marker) with bash against an
// emulator in this process, `arr` being the CLI.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readmeBlockAfter, runReadmeBlock, type ReadmeBlock } from "./readme-blocks.js";
import { root, startTestEmulator, type TestEmulator } from "./support.js";

const MARKER = "<!-- cli-walkthrough";

const walkthrough = () => readmeBlockAfter(MARKER);

/** Runs the walk-through's block pointed at an emulator (the test's own unless `env` says another). */
const runBlock = (block: ReadmeBlock, env: Readonly<Record<string, string>> = emulator.env) => runReadmeBlock(block, { cwd: root, env: { ...process.env, ...env } });

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
  const { code, stdout, dump } = await runBlock(readmeBlockAfter("<!-- cli-help"));
  assert.equal(code, 0, dump);
  assert.match(stdout, /arr sessions create/, dump);
  assert.match(stdout, /^\d+\.\d+\.\d+$/m, dump);
});
