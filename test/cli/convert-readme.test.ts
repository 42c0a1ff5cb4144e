// Runs the README's "Convert a local model" block (after the `convert-walkthrough` marker) with bash, `arr` being
// the built CLI, in a folder holding the cube the block converts, against Azurite and the emulator with real
// storage started here.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startAzurite, type Azurite } from "../support/azurite.js";
import { writeCubeGltf, type WrittenModel } from "../support/models.js";
import { readmeBlockAfter, runReadmeBlock } from "./readme-blocks.js";
import { startTestEmulator, type TestEmulator } from "./support.js";

const MARKER = "<!-- convert-walkthrough";

let azurite: Azurite;
let emulator: TestEmulator;
let cwd: string;
let cube: WrittenModel;

before(async () => {
  azurite = await startAzurite();
  emulator = await startTestEmulator({ storage: [azurite.connectionString], conversionSeconds: 0.5, conversionRetryAfter: true });
  cwd = mkdtempSync(join(tmpdir(), "arr-readme-convert-"));
  cube = await writeCubeGltf(join(cwd, "models", "cube"));
});
after(async () => {
  await emulator?.close();
  await azurite?.stop();
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

test("the README's 'convert a local model' walk-through runs against Azurite and the emulator", async () => {
  const { code, stdout, stderr, dump } = await runReadmeBlock(readmeBlockAfter(MARKER), {
    cwd,
    env: { ...process.env, ...emulator.env, ARR_STORAGE_CONNECTION_STRING: azurite.connectionString, ARR_CACHE_DIR: join(cwd, ".cache") },
  });
  assert.equal(code, 0, dump);
  // The first convert and the logs both report the cube as the README shows it.
  assert.equal(stdout.match(/^Status:\s+Succeeded$/gm)?.length, 2, dump);
  const faces = cube.expected.inputStatistics["numFaces"];
  assert.equal(stdout.match(new RegExp(`^ {2}1 meshes, ${faces} faces, 24 vertices, 1 materials, 1 nodes \\(depth 1\\), 1 mesh uses$`, "gm"))?.length, 2, dump);
  assert.match(stdout, /^Output asset:\s+http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/arr-output\/cube-1\/cube\.arrAsset$/m, dump);
  assert.match(stderr, /^upload: 3 uploaded, 0 unchanged/m, dump);
  assert.match(stderr, /^upload: 0 uploaded, 3 unchanged/m, dump);
  const second = JSON.parse(readFileSync(join(cwd, "cube-2.json"), "utf8")) as { info: { inputStatistics: unknown } };
  assert.deepEqual(second.info.inputStatistics, cube.expected.inputStatistics);
});
