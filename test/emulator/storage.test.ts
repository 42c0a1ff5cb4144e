// The emulator with real storage (Azurite): conversions read the input with the SAS given (or the account key:
// configured accounts count as linked) and write .arrAsset, .result.json and .info.json; failures say which
// container and which permission. Files are uploaded and SAS minted here with @azure/storage-blob directly.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  BlobServiceClient,
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
  type ContainerClient,
} from "@azure/storage-blob";
import { fileValidator } from "../../src/storage/settings-file.js";
import { startAzurite, AZURITE_ACCOUNT, AZURITE_KEY, type Azurite } from "../support/azurite.js";
import { writeCubeGltf, writeSceneGlb, type WrittenModel } from "../support/models.js";
import { startHarness, type Harness } from "./support.js";

let azurite: Azurite;
let harness: Harness;
let input: ContainerClient;
let output: ContainerClient;
let dir: string;
let cube: WrittenModel;
let scene: WrittenModel;
const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
const CONVERSION_MS = 30_000;

function sas(container: string, permissions: string): string {
  return generateBlobSASQueryParameters(
    { containerName: container, permissions: ContainerSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3600_000) },
    credential,
  ).toString();
}

async function upload(model: WrittenModel, prefix: string): Promise<void> {
  const folder = model.path.slice(0, model.path.lastIndexOf("/"));
  for (const file of model.files) await input.getBlockBlobClient(`${prefix}${file}`).uploadData(readFileSync(join(folder, file)));
}

async function text(container: ContainerClient, name: string): Promise<string | undefined> {
  try {
    return (await container.getBlobClient(name).downloadToBuffer()).toString("utf8");
  } catch {
    return undefined;
  }
}

interface Conversion {
  status: string;
  error: { code: string; message: string } | null;
  output?: { outputAssetUri: string };
}

/** Creates a conversion, moves the clock past its end and gets it. */
async function convert(id: string, inputPath: string, options: { inputSas?: string; outputSas?: string; prefix?: string } = {}): Promise<Conversion> {
  const created = await harness.call("PUT", `/conversions/${id}`, {
    settings: {
      inputLocation: {
        storageContainerUri: input.url,
        relativeInputAssetPath: inputPath,
        ...(options.prefix === undefined ? {} : { blobPrefix: options.prefix }),
        ...(options.inputSas === undefined ? {} : { storageContainerReadListSas: options.inputSas }),
      },
      outputLocation: {
        storageContainerUri: output.url,
        blobPrefix: id,
        ...(options.outputSas === undefined ? {} : { storageContainerWriteSas: options.outputSas }),
      },
    },
  });
  assert.equal(created.status, 201, created.text);
  harness.clock.advance(CONVERSION_MS);
  const got = await harness.call("GET", `/conversions/${id}`);
  assert.equal(got.status, 200, got.text);
  return got.body as Conversion;
}

before(async () => {
  azurite = await startAzurite();
  // No linkedStorage: only the account given by connection string counts as linked.
  harness = await startHarness({ storage: [azurite.connectionString], conversionSeconds: CONVERSION_MS / 1000, linkedStorage: [] });
  const service = new BlobServiceClient(azurite.blobEndpoint, credential);
  input = service.getContainerClient("models");
  output = service.getContainerClient("converted");
  await input.create();
  await output.create();
  dir = mkdtempSync(join(tmpdir(), "arr-models-"));
  cube = await writeCubeGltf(join(dir, "cube"));
  scene = await writeSceneGlb(join(dir, "scene"));
  await upload(cube, "cube/");
  await upload(scene, "scene/");
});
after(async () => {
  await harness?.close();
  await azurite?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

test("a glTF cube converts with SAS: .arrAsset, result.json and info.json with its exact statistics", async () => {
  const conversion = await convert("cube", "cube.gltf", { prefix: "cube", inputSas: sas("models", "rl"), outputSas: sas("converted", "w") });
  assert.equal(conversion.status, "Succeeded", JSON.stringify(conversion));
  assert.equal(conversion.output?.outputAssetUri, `${output.url}/cube/cube.arrAsset`);
  const asset = JSON.parse((await text(output, "cube/cube.arrAsset")) ?? "null") as Record<string, unknown>;
  assert.equal(asset["emulatorArtifact"], true);
  const { createHash } = await import("node:crypto");
  assert.equal(asset["inputSha256"], createHash("sha256").update(readFileSync(cube.path)).digest("hex"));

  const result: unknown = JSON.parse((await text(output, "cube/cube.result.json")) ?? "null");
  assert.ok(fileValidator("conversion_result_file")(result), JSON.stringify(result));
  assert.deepEqual(result, [{ conversionId: "cube" }, { result: "succeeded" }]);

  const info = JSON.parse((await text(output, "cube/cube.info.json")) ?? "null") as Record<string, Record<string, unknown>>;
  assert.ok(fileValidator("conversion_info_file")(info), JSON.stringify(fileValidator("conversion_info_file").errors));
  assert.deepEqual(info["inputStatistics"], cube.expected.inputStatistics);
  assert.deepEqual(info["outputStatistics"]?.["boundingBox"], cube.expected.boundingBox);
  assert.deepEqual(info["files"], { input: "cube.gltf", output: "cube.arrAsset" });
  assert.equal(info["inputInfo"]?.["sourceAssetExtension"], ".gltf");
  assert.equal(info["conversionSettings"]?.["scaling"], 1);
});

test("a GLB scene without SAS (the account is linked) converts with its hierarchy and instancing counted", async () => {
  const conversion = await convert("scene", "scene/scene.glb");
  assert.equal(conversion.status, "Succeeded", JSON.stringify(conversion));
  const info = JSON.parse((await text(output, "scene/scene.info.json")) ?? "null") as Record<string, Record<string, unknown>>;
  assert.deepEqual(info["inputStatistics"], scene.expected.inputStatistics);
  assert.deepEqual(info["outputStatistics"], {
    numMeshPartsCreated: scene.expected.numMeshPartsCreated,
    numMeshPartsInstanced: scene.expected.numMeshPartsInstanced,
    recenteringOffset: [0, 0, 0],
    boundingBox: scene.expected.boundingBox,
  });
});

test("a ConversionSettings.json beside the input scales and recentres the bounding box", async () => {
  await input.getBlockBlobClient("scaled/scene.glb").uploadData(readFileSync(scene.path));
  await input.getBlockBlobClient("scaled/scene.ConversionSettings.json").uploadData(Buffer.from(JSON.stringify({ scaling: 2, recenterToOrigin: true })));
  const conversion = await convert("scaled", "scene.glb", { prefix: "scaled" });
  assert.equal(conversion.status, "Succeeded", JSON.stringify(conversion));
  const info = JSON.parse((await text(output, "scaled/scene.info.json")) ?? "null") as Record<string, Record<string, unknown>>;
  const { min, max } = scene.expected.boundingBox;
  const half = min.map((lo, i) => (2 * (max[i]! - lo)) / 2);
  assert.deepEqual(info["outputStatistics"]?.["boundingBox"], { min: half.map((h) => -h + 0), max: half });
  assert.deepEqual(info["outputStatistics"]?.["recenteringOffset"], min.map((lo, i) => -(2 * lo + 2 * max[i]!) / 2 + 0));
  assert.equal(info["conversionSettings"]?.["scaling"], 2);
});

test("a missing input fails with InputContainerError (the recorded message) and writes nothing", async () => {
  const conversion = await convert("missing", "nothing-here.gltf", { inputSas: sas("models", "rl"), outputSas: sas("converted", "w") });
  assert.equal(conversion.status, "Failed");
  assert.equal(conversion.error?.code, "InputContainerError");
  assert.match(conversion.error?.message ?? "", /^Could not find the asset file in the storage account\./);
  assert.equal(await text(output, "missing/nothing-here.result.json"), undefined);
});

test("a broken glTF fails with ConversionProcessFailed and a result.json error entry", async () => {
  await input.getBlockBlobClient("broken/broken.gltf").uploadData(Buffer.from('{"asset": {"version": "2.0"}, "meshes": ['));
  const conversion = await convert("broken", "broken/broken.gltf");
  assert.equal(conversion.status, "Failed");
  assert.equal(conversion.error?.code, "ConversionProcessFailed");
  const result = JSON.parse((await text(output, "broken/broken.result.json")) ?? "null") as Record<string, unknown>[];
  assert.ok(fileValidator("conversion_result_file")(result));
  assert.equal(result[1]?.["error"], "2007");
  assert.equal(result[1]?.["title"], "The input asset is not valid.");
  assert.deepEqual(result.at(-1), { result: "failed" });
});

test("a missing texture is a 4004 warning: succeeded with warnings", async () => {
  const folder = cube.path.slice(0, cube.path.lastIndexOf("/"));
  for (const file of ["cube.gltf", "cube.bin"]) await input.getBlockBlobClient(`notexture/${file}`).uploadData(readFileSync(join(folder, file)));
  const conversion = await convert("notexture", "notexture/cube.gltf");
  assert.equal(conversion.status, "Succeeded");
  const result = JSON.parse((await text(output, "notexture/cube.result.json")) ?? "null") as Record<string, unknown>[];
  assert.equal(result[1]?.["warning"], "4004");
  assert.deepEqual(result.at(-1), { result: "succeeded with warnings" });
});

test("a SAS without write on the output container: 201, then Failed naming the container and the permission", async () => {
  const conversion = await convert("nowrite", "cube/cube.gltf", { inputSas: sas("models", "rl"), outputSas: sas("converted", "rl") });
  assert.equal(conversion.status, "Failed");
  assert.equal(conversion.error?.code, "OutputContainerAccessDenied");
  assert.match(conversion.error?.message ?? "", new RegExp(`output container ${output.url} does not grant the write \\(w\\) permission`));
  assert.equal(await text(output, "nowrite/cube.arrAsset"), undefined);
});

test("a SAS without list on the input container fails naming it", async () => {
  const conversion = await convert("nolist", "cube/cube.gltf", { inputSas: sas("models", "r"), outputSas: sas("converted", "w") });
  assert.equal(conversion.error?.code, "InputContainerAccessDenied");
  assert.match(conversion.error?.message ?? "", /input container .*models does not grant the list \(l\) permission/);
});

test("a SAS that storage refuses (signed with another key) fails as access denied, without echoing it", async () => {
  const forged = generateBlobSASQueryParameters(
    { containerName: "models", permissions: ContainerSASPermissions.parse("rl"), expiresOn: new Date(Date.now() + 3600_000) },
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, Buffer.from("another key entirely").toString("base64")),
  ).toString();
  const conversion = await convert("forged", "cube/cube.gltf", { inputSas: forged });
  assert.equal(conversion.error?.code, "InputContainerAccessDenied");
  const signature = new URLSearchParams(forged).get("sig") ?? "";
  assert.ok(!JSON.stringify(conversion).includes(signature));
  assert.ok(!harness.logs.join("\n").includes(signature));
});

test("a container on an account the emulator was not given fails as not reachable", async () => {
  const created = await harness.call("PUT", "/conversions/elsewhere", {
    settings: {
      inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/models", relativeInputAssetPath: "a.gltf", storageContainerReadListSas: "sp=rl&sig=x" },
      outputLocation: { storageContainerUri: output.url, storageContainerWriteSas: "sp=w&sig=y" },
    },
  });
  assert.equal(created.status, 201);
  harness.clock.advance(CONVERSION_MS);
  const got = (await harness.call("GET", "/conversions/elsewhere")).body as Conversion;
  assert.equal(got.error?.code, "StorageAccountNotReachable");
});

test("no SAS on a storage account that is neither linked nor given: 403 LinkedStorageAccessFailure", async () => {
  const refused = await harness.call("PUT", "/conversions/unlinked", {
    settings: {
      inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/models", relativeInputAssetPath: "a.gltf" },
      outputLocation: { storageContainerUri: output.url },
    },
  });
  assert.equal(refused.status, 403, refused.text);
  assert.equal((refused.body as { error: { code: string } }).error.code, "LinkedStorageAccessFailure");
  // The same without SAS on the account given by connection string is accepted: it counts as linked.
  const accepted = await harness.call("PUT", "/conversions/linked", {
    settings: { inputLocation: { storageContainerUri: input.url, relativeInputAssetPath: "cube/cube.gltf" }, outputLocation: { storageContainerUri: output.url } },
  });
  assert.equal(accepted.status, 201, accepted.text);
});
