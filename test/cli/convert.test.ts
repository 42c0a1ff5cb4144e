// `arr convert` and `arr conversions logs` end to end: the built CLI as a child process, the emulator with real
// storage, Azurite. Models are made by test/support/models.ts.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { startAzurite, AZURITE_ACCOUNT, AZURITE_KEY, type Azurite } from "../support/azurite.js";
import { writeCubeGltf, writeSceneGlb, type WrittenModel } from "../support/models.js";
import { arr, captured, json, jsonError, show, startTestEmulator, type TestEmulator } from "./support.js";

let azurite: Azurite;
let emulator: TestEmulator;
let dir: string;
let cube: WrittenModel;
let scene: WrittenModel;
let env: Record<string, string>;

const blobs = async (container: string, prefix: string): Promise<string[]> => {
  const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  const names: string[] = [];
  for await (const blob of service.getContainerClient(container).listBlobsFlat({ prefix })) names.push(blob.name);
  return names.sort();
};

interface ConvertJson {
  conversion: { id: string; status: string; error: { code: string } | null; output?: { outputAssetUri: string } };
  result: Record<string, unknown>[] | null;
  info: { inputStatistics: Record<string, number>; outputStatistics: { boundingBox: unknown } } | null;
  sasUrl?: string;
}

before(async () => {
  azurite = await startAzurite();
  emulator = await startTestEmulator({ storage: [azurite.connectionString], conversionSeconds: 0.5, conversionRetryAfter: true });
  dir = mkdtempSync(join(tmpdir(), "arr-convert-"));
  // The upload's hash index goes to a cache of this test's own, not the user's.
  env = { ...emulator.env, ARR_STORAGE_CONNECTION_STRING: azurite.connectionString, ARR_CACHE_DIR: join(dir, "cache") };
  cube = await writeCubeGltf(join(dir, "cube"));
  scene = await writeSceneGlb(join(dir, "scene"));
});
after(async () => {
  await emulator?.close();
  await azurite?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

test("a glTF cube converts: referenced files uploaded, exact statistics in info.json, exit 0", async () => {
  const run = await arr(["convert", cube.path, "--id", "cube-1", "--wait", "--json"], env);
  assert.equal(run.code, 0, show(run));
  const out = json(run) as ConvertJson;
  assert.equal(out.conversion.status, "Succeeded");
  assert.deepEqual(out.info?.inputStatistics, cube.expected.inputStatistics);
  assert.deepEqual(out.info?.outputStatistics.boundingBox, cube.expected.boundingBox);
  assert.deepEqual(out.result, [{ conversionId: "cube-1" }, { result: "succeeded" }]);
  assert.equal(out.conversion.output?.outputAssetUri, `${azurite.blobEndpoint}/arr-output/cube-1/cube.arrAsset`);
  assert.deepEqual(await blobs("arr-input", "cube/"), cube.files.map((f) => `cube/${f}`));
  assert.deepEqual(await blobs("arr-output", "cube-1/"), ["cube-1/cube.arrAsset", "cube-1/cube.info.json", "cube-1/cube.result.json"]);
  assert.match(run.stderr, /^upload: 3 uploaded, 0 unchanged/m, show(run));
});

test("a GLB converts and prints status, statistics and the model URL; --sas-url prints a working read URL", async () => {
  const run = await arr(["convert", scene.path, "--id", "scene-1", "--wait", "--sas-url"], env);
  assert.equal(run.code, 0, show(run));
  assert.match(run.stdout, /^Status:\s+Succeeded$/m);
  assert.match(run.stdout, /^ {2}2 meshes, 24 faces, 48 vertices, 2 materials, 4 nodes \(depth 2\), 3 mesh uses$/m, show(run));
  assert.match(run.stdout, new RegExp(`^Output asset:\\s+${azurite.blobEndpoint}/arr-output/scene-1/scene\\.arrAsset$`, "m"));
  const url = /^SAS URL:\s+(\S+)$/m.exec(run.stdout)?.[1];
  assert.ok(url?.includes("sig="), show(run));
  const asset = (await (await fetch(url ?? "")).json()) as Record<string, unknown>;
  assert.equal(asset["emulatorArtifact"], true);
});

test("a folder with textures uploads with its paths kept; a second convert of it uploads nothing", async () => {
  const folder = join(dir, "project");
  const model = await writeCubeGltf(join(folder, "models"));
  mkdirSync(join(folder, "docs"), { recursive: true });
  writeFileSync(join(folder, "docs", "notes.txt"), "not referenced, uploaded with --folder\n");
  const first = await arr(["convert", model.path, "--folder", folder, "--id", "folder-1", "--input-container", "models-in", "--wait"], env);
  assert.equal(first.code, 0, show(first));
  assert.deepEqual(await blobs("models-in", "cube/"), [
    "cube/docs/notes.txt",
    "cube/models/cube.bin",
    "cube/models/cube.gltf",
    "cube/models/textures/checker.png",
  ]);
  assert.match(first.stderr, /^upload: 4 uploaded, 0 unchanged/m, show(first));
  const second = await arr(["convert", model.path, "--folder", folder, "--id", "folder-2", "--input-container", "models-in", "--wait"], env);
  assert.equal(second.code, 0, show(second));
  assert.match(second.stderr, /^upload: 0 uploaded, 4 unchanged \(0 B sent\)/m, show(second));
});

test("preflight: a missing model, an unsupported format, a missing referenced buffer and bad settings exit 2 before uploading", async () => {
  const missing = await arr(["convert", join(dir, "nope.gltf"), "--json"], env);
  assert.equal(missing.code, 2, show(missing));
  assert.equal(jsonError(missing)["code"], "ModelNotFound");

  writeFileSync(join(dir, "model.obj"), "v 0 0 0\n");
  const obj = await arr(["convert", join(dir, "model.obj"), "--json"], env);
  assert.equal(jsonError(obj)["code"], "UnsupportedFormat");

  const lonely = join(dir, "lonely");
  mkdirSync(lonely);
  writeFileSync(join(lonely, "lonely.gltf"), JSON.stringify({ asset: { version: "2.0" }, buffers: [{ uri: "lonely.bin", byteLength: 4 }] }));
  const ref = await arr(["convert", join(lonely, "lonely.gltf"), "--json"], env);
  assert.equal(ref.code, 2);
  assert.deepEqual([jsonError(ref)["code"], jsonError(ref)["field"], jsonError(ref)["rule"]], ["MissingReference", "lonely.bin", "exists"]);

  writeFileSync(join(dir, "bad.ConversionSettings.json"), JSON.stringify({ scaling: 1, sceneGraphMode: "flat" }));
  const settings = await arr(["convert", cube.path, "--settings", join(dir, "bad.ConversionSettings.json"), "--json"], env);
  assert.equal(settings.code, 2);
  assert.equal(jsonError(settings)["code"], "InvalidSettings");
  assert.equal(jsonError(settings)["rule"], "enum");
  assert.deepEqual(await blobs("arr-input", "lonely/"), []);
});

test("a broken glTF: the conversion fails (exit 1) and `arr conversions logs` explains it from result.json", async () => {
  const broken = join(dir, "broken");
  mkdirSync(broken);
  // Valid JSON (preflight passes), but the primitive's POSITION names an accessor that does not exist.
  writeFileSync(join(broken, "broken.gltf"), JSON.stringify({ asset: { version: "2.0" }, meshes: [{ primitives: [{ attributes: { POSITION: 7 } }] }] }));
  const run = await arr(["convert", join(broken, "broken.gltf"), "--id", "broken-1", "--wait", "--json"], env);
  assert.equal(run.code, 1, show(run));
  const out = json(run) as ConvertJson;
  assert.equal(out.conversion.status, "Failed");
  assert.equal(out.conversion.error?.code, "ConversionProcessFailed");
  assert.equal(out.result?.[1]?.["error"], "2007");

  const logs = await arr(["conversions", "logs", "broken-1"], env);
  assert.equal(logs.code, 0, show(logs));
  assert.match(logs.stdout, /^Status:\s+Failed$/m);
  assert.match(logs.stdout, /^Hint:\s+The converter rejected the input/m);
  assert.match(logs.stdout, /^result\.json:\s+failed$/m);
  assert.match(logs.stdout, /^ {2}error 2007: The input asset is not valid\./m, show(logs));
});

test("`arr conversions logs` explains a conversion whose SAS lacked write: no result.json, the code and a hint", async () => {
  const created = await arr(
    [
      "conversions", "create", "nowrite-1",
      "--input-container", `${azurite.blobEndpoint}/arr-input`, "--input-prefix", "cube", "--input-asset", "cube.gltf",
      "--input-sas", "sp=rl&sv=2020-02-10&sig=abc", "--output-container", `${azurite.blobEndpoint}/arr-output`, "--output-sas", "sp=r&sv=2020-02-10&sig=def",
      "--wait",
    ],
    env,
  );
  assert.equal(created.code, 1, show(created));
  const logs = await arr(["conversions", "logs", "nowrite-1"], env);
  assert.equal(logs.code, 0, show(logs));
  assert.match(logs.stdout, /OutputContainerAccessDenied: The SAS of the output container \S+\/arr-output does not grant the write \(w\) permission/);
  assert.match(logs.stdout, /^Hint:\s+Give the output container a SAS with write \(w\)/m);
  assert.match(logs.stdout, /^result\.json:\s+none/m);
});

test("--timeout limits the wait, not the upload: exit 1 with WaitTimeout, the conversion goes on; without --wait it is a usage error", async (t) => {
  const slow = await startTestEmulator({ storage: [azurite.connectionString], conversionSeconds: 60 });
  t.after(() => slow.close());
  const slowEnv = { ...env, ...slow.env };
  const model = await writeCubeGltf(join(dir, "timeout", "cube"));
  // A millisecond: were it counted from the start, preflight or the upload would be cut, and nothing created.
  const run = await arr(["convert", model.path, "--id", "cube-slow", "--wait", "--timeout", "0.001", "--json"], slowEnv);
  assert.equal(run.code, 1, show(run));
  const error = JSON.parse(run.stderr.trim().split("\n").at(-1) ?? "") as { error: Record<string, unknown> };
  assert.equal(error.error["code"], "WaitTimeout", show(run));
  assert.match(String(error.error["message"]), /gave up waiting after 0\.001 s/);
  assert.equal(error.error["conversionId"], "cube-slow");
  assert.match(String(error.error["waitCommand"]), /^arr conversions wait cube-slow\b/);
  assert.deepEqual(await blobs("arr-input", "cube/"), model.files.map((f) => `cube/${f}`));
  const got = await arr(["conversions", "get", "cube-slow", "--json"], slowEnv);
  assert.equal(got.code, 0, show(got));
  assert.match(String((json(got) as { status: string }).status), /^(NotStarted|Running)$/);

  const human = await arr(["convert", model.path, "--id", "cube-slow-2", "--wait", "--timeout", "0.2"], slowEnv);
  assert.equal(human.code, 1, show(human));
  assert.match(human.stderr, /gave up waiting after 0\.2 s \(--timeout\)/);
  assert.match(human.stderr, /conversion 'cube-slow-2' goes on in the service/);
  assert.match(human.stderr, /follow it with: arr conversions wait cube-slow-2/);

  const noWait = await arr(["convert", model.path, "--timeout", "5"], slowEnv);
  assert.equal(noWait.code, 2, show(noWait));
  assert.match(noWait.stderr, /--timeout limits the wait: give --wait too/);
});

test("no connection string, key or SAS was printed by any run (but the asked-for SAS URL)", () => {
  assert.ok(captured.length >= 8);
  for (const run of captured) {
    const text = `${run.stdout}\n${run.stderr}`;
    assert.ok(!text.includes(AZURITE_KEY), show(run));
    assert.ok(!text.includes(azurite.connectionString), show(run));
    if (!run.args.includes("--sas-url")) assert.ok(!/[?&]sig=/.test(text), show(run));
  }
});
