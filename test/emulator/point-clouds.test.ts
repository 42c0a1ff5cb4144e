// Point-cloud conversions against real storage (Azurite): PLY (ASCII, binary little-endian), XYZ and LAS/LAZ
// headers made here convert with exact statistics and bounding boxes in info.json; a truncated PLY and a
// malformed XYZ fail with a result.json error entry, as a broken glTF does. The readers' own refusals that need
// no storage are checked directly at the end.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from "@azure/storage-blob";
import { readLasHeader } from "../../src/emulator/storage/las-header.js";
import { readPly } from "../../src/emulator/storage/ply-reader.js";
import { readXyz } from "../../src/emulator/storage/xyz-reader.js";
import { fileValidator } from "../../src/storage/settings-file.js";
import { startAzurite, AZURITE_ACCOUNT, AZURITE_KEY, type Azurite } from "../support/azurite.js";
import { asciiPly, binaryPly, lasHeader, type Point } from "../support/point-cloud-files.js";
import { startHarness, type Harness } from "./support.js";

let azurite: Azurite;
let harness: Harness;
let input: ContainerClient;
let output: ContainerClient;
const CONVERSION_MS = 30_000;

type Info = Record<string, Record<string, unknown>>;

/** Uploads `file` as `<id>/<name>` (and a settings file beside it when given), converts it and reads the outputs. */
async function convert(id: string, name: string, file: Buffer, settings?: object): Promise<{ status: string; error: { code: string } | null; info: Info | undefined; result: Record<string, unknown>[] }> {
  await input.getBlockBlobClient(`${id}/${name}`).uploadData(file);
  const stem = name.replace(/\.[^.]*$/, "");
  if (settings !== undefined) await input.getBlockBlobClient(`${id}/${stem}.ConversionSettings.json`).uploadData(Buffer.from(JSON.stringify(settings)));
  const created = await harness.call("PUT", `/conversions/${id}`, {
    settings: {
      inputLocation: { storageContainerUri: input.url, relativeInputAssetPath: name, blobPrefix: id },
      outputLocation: { storageContainerUri: output.url, blobPrefix: id },
    },
  });
  assert.equal(created.status, 201, created.text);
  harness.clock.advance(CONVERSION_MS);
  const got = await harness.call("GET", `/conversions/${id}`);
  assert.equal(got.status, 200, got.text);
  const conversion = got.body as { status: string; error: { code: string } | null };
  const read = async (blob: string): Promise<unknown> => {
    try {
      return JSON.parse((await output.getBlobClient(`${id}/${blob}`).downloadToBuffer()).toString("utf8"));
    } catch {
      return undefined;
    }
  };
  const result = (await read(`${stem}.result.json`)) as Record<string, unknown>[];
  assert.ok(fileValidator("conversion_result_file")(result), JSON.stringify(result));
  const info = (await read(`${stem}.info.json`)) as Info | undefined;
  if (info !== undefined) assert.ok(fileValidator("conversion_info_file")(info), JSON.stringify(fileValidator("conversion_info_file").errors));
  return { ...conversion, info, result };
}

/** inputStatistics of a point cloud as point-clouds.ts maps it: one mesh of `points` vertices, one node. */
const cloudStatistics = (points: number, faces = 0) => ({
  numMeshes: 1,
  numFaces: faces,
  numVertices: points,
  numMaterial: 0,
  numFacesSmallestMesh: faces,
  numFacesBiggestMesh: faces,
  numNodes: 1,
  numMeshUsagesInScene: 1,
  maxNodeDepth: 1,
});

const boxOf = (points: readonly Point[]) => ({
  min: [0, 1, 2].map((i) => Math.min(...points.map((p) => p[i]!))),
  max: [0, 1, 2].map((i) => Math.max(...points.map((p) => p[i]!))),
});

before(async () => {
  azurite = await startAzurite();
  harness = await startHarness({ storage: [azurite.connectionString], conversionSeconds: CONVERSION_MS / 1000, linkedStorage: [] });
  const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  input = service.getContainerClient("clouds");
  output = service.getContainerClient("converted");
  await input.create();
  await output.create();
});
after(async () => {
  await harness?.close();
  await azurite?.stop();
});

// Coordinates exact in float32, so the binary file's floats read back as written.
const POINTS: readonly Point[] = [
  [-1.5, 2, 0.25],
  [3, -4, 5.5],
  [0.5, 0, -2],
  [1, 1, 1],
];

test("an ASCII PLY converts: vertices, faces fan-triangulated (a quad is 2), bounding box, format version", async () => {
  const converted = await convert("ply-ascii", "scan.ply", asciiPly(POINTS, [{ indices: [0, 1, 2, 3] }, { indices: [0, 1, 2] }]));
  assert.equal(converted.status, "Succeeded", JSON.stringify(converted));
  assert.deepEqual(converted.result.at(-1), { result: "succeeded" });
  assert.deepEqual(converted.info?.["inputStatistics"], cloudStatistics(4, 3));
  assert.deepEqual(converted.info?.["outputStatistics"], {
    numMeshPartsCreated: 1,
    numMeshPartsInstanced: 0,
    recenteringOffset: [0, 0, 0],
    boundingBox: { min: [-1.5, -4, -2], max: [3, 2, 5.5] },
  });
  assert.deepEqual(converted.info?.["inputInfo"], { sourceAssetExtension: ".ply", sourceAssetFormat: "PLY", sourceAssetFormatVersion: "1.0" });
});

test("a binary little-endian PLY with mixed vertex types (double, float, short) converts with exact statistics", async () => {
  const points: Point[] = [
    [-1.25, 2.5, -3],
    [10.5, -0.5, 7],
    [0, 0, 0],
  ];
  const converted = await convert("ply-binary", "scan.ply", binaryPly(points, [[0, 1, 2]]));
  assert.equal(converted.status, "Succeeded", JSON.stringify(converted));
  assert.deepEqual(converted.info?.["inputStatistics"], cloudStatistics(3, 1));
  assert.deepEqual(converted.info?.["outputStatistics"]?.["boundingBox"], { min: [-1.25, -0.5, -3], max: [10.5, 2.5, 7] });
  assert.equal(converted.info?.["inputInfo"]?.["sourceAssetFormatVersion"], "1.0");
});

test("an XYZ (CRLF, blank lines, extra columns, commas) converts; scaling and recentring apply as for glTF", async () => {
  const xyz = "1 2 3\r\n-4.5\t0.5\t9 255 0 0\r\n\r\n2,-7,1.25\r\n";
  const converted = await convert("xyz", "points.xyz", Buffer.from(xyz), { scaling: 2, recenterToOrigin: true });
  assert.equal(converted.status, "Succeeded", JSON.stringify(converted));
  assert.deepEqual(converted.info?.["inputStatistics"], cloudStatistics(3));
  // Box [-4.5, -7, 1.25]–[2, 2, 9], scaled by 2: [-9, -14, 2.5]–[4, 4, 18], centre [-2.5, -5, 10.25].
  assert.deepEqual(converted.info?.["outputStatistics"]?.["boundingBox"], { min: [-6.5, -9, -7.75], max: [6.5, 9, 7.75] });
  assert.deepEqual(converted.info?.["outputStatistics"]?.["recenteringOffset"], [2.5, 5, -10.25]);
  assert.deepEqual(converted.info?.["inputInfo"], { sourceAssetExtension: ".xyz", sourceAssetFormat: "XYZ" });
});

test("a LAS 1.2 header alone converts: the legacy point count, the header's box, version and generator", async () => {
  const header = lasHeader({ version: "1.2", points: 123_456n, min: [-10.5, 20, -3], max: [100.25, 40.75, 12], generator: "arr point-cloud tests" });
  const converted = await convert("las12", "survey.las", header);
  assert.equal(converted.status, "Succeeded", JSON.stringify(converted));
  assert.deepEqual(converted.info?.["inputStatistics"], cloudStatistics(123_456));
  assert.deepEqual(converted.info?.["outputStatistics"]?.["boundingBox"], { min: [-10.5, 20, -3], max: [100.25, 40.75, 12] });
  assert.deepEqual(converted.info?.["inputInfo"], {
    sourceAssetExtension: ".las",
    sourceAssetFormat: "LAS",
    sourceAssetFormatVersion: "1.2",
    sourceAssetGenerator: "arr point-cloud tests",
  });
});

test("a LAS 1.4 header counts points with the 64-bit field (legacy 0), above 2^32; a LAZ header reads the same", async () => {
  const header = lasHeader({ version: "1.4", points: 5_000_000_000n, min: [1, 2, 3], max: [4, 5, 6], generator: "arr" });
  for (const [id, name, format] of [["las14", "city.las", "LAS"], ["laz14", "city.laz", "LAZ"]] as const) {
    const converted = await convert(id, name, header);
    assert.equal(converted.status, "Succeeded", JSON.stringify(converted));
    assert.deepEqual(converted.info?.["inputStatistics"], cloudStatistics(5_000_000_000));
    assert.deepEqual(converted.info?.["outputStatistics"]?.["boundingBox"], { min: [1, 2, 3], max: [4, 5, 6] });
    assert.equal(converted.info?.["inputInfo"]?.["sourceAssetFormat"], format);
    assert.equal(converted.info?.["inputInfo"]?.["sourceAssetFormatVersion"], "1.4");
  }
});

test("a truncated binary PLY fails with ConversionProcessFailed and a result.json 2007 entry saying so", async () => {
  const whole = binaryPly(POINTS, []);
  const converted = await convert("ply-truncated", "cut.ply", whole.subarray(0, whole.length - 5));
  assert.equal(converted.status, "Failed");
  assert.equal(converted.error?.code, "ConversionProcessFailed");
  assert.equal(converted.info, undefined);
  assert.equal(converted.result[1]?.["error"], "2007");
  assert.equal(converted.result[1]?.["title"], "The input asset is not valid.");
  assert.match(String((converted.result[1]?.["details"] as Record<string, unknown>)["message"]), /truncated/);
  assert.deepEqual(converted.result.at(-1), { result: "failed" });
});

test("a malformed XYZ line fails with a result.json 2007 entry naming the line", async () => {
  const converted = await convert("xyz-bad", "bad.xyz", Buffer.from("1 2 3\n4 five 6\n"));
  assert.equal(converted.status, "Failed");
  assert.equal(converted.error?.code, "ConversionProcessFailed");
  assert.equal(converted.result[1]?.["error"], "2007");
  assert.match(String((converted.result[1]?.["details"] as Record<string, unknown>)["message"]), /^Line 2 of the XYZ file/);
});

test("an E57 keeps inputInfo only: it converts without statistics", async () => {
  const converted = await convert("e57", "scan.e57", Buffer.from("ASTM-E57 not read by the emulator"));
  assert.equal(converted.status, "Succeeded");
  assert.equal(converted.info?.["inputStatistics"], undefined);
  assert.deepEqual(converted.info?.["inputInfo"], { sourceAssetExtension: ".e57", sourceAssetFormat: "E57" });
});

test("the readers refuse what is not their format, and count what they read exactly", () => {
  assert.deepEqual(readPly(asciiPly(POINTS, [])).bounds, boxOf(POINTS));
  assert.throws(() => readPly(binaryPly(POINTS, [], "binary_big_endian")), /big-endian/);
  assert.throws(() => readPly(Buffer.from("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nend_header\n1\n")), /x, y and z/);
  assert.throws(() => readPly(Buffer.from("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n")), /end_header/);
  assert.throws(() => readPly(Buffer.from("PLY?\n")), /magic/);
  assert.throws(() => readPly(asciiPly(POINTS, [{ indices: [0, 1, 9] }])), /refers to vertex 9/);
  assert.throws(() => readPly(Buffer.from("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 z\n")), /"z" where a number/);
  assert.throws(() => readXyz(Buffer.from("\n\n")), /no points/);
  assert.throws(() => readXyz(Buffer.from(",1,2\n")), /Line 1/);
  assert.throws(() => readLasHeader(Buffer.from("LASX").subarray(0, 4), "LAS"), /signature/);
  assert.throws(() => readLasHeader(lasHeader({ version: "1.2", points: 1n, min: [0, 0, 0], max: [1, 1, 1], generator: "" }).subarray(0, 200), "LAS"), /truncated/);
  const flipped = lasHeader({ version: "1.2", points: 1n, min: [2, 0, 0], max: [1, 1, 1], generator: "" });
  assert.throws(() => readLasHeader(flipped, "LAS"), /minimum above its maximum/);
  assert.equal(readLasHeader(lasHeader({ version: "1.2", points: 1n, min: [0, 0, 0], max: [1, 1, 1], generator: "" }), "LAS").generator, undefined);
});
