// The three files a finished conversion leaves beside its output, in the shapes of spec/conversion-files.yaml:
// `<name>.result.json`, `<name>.info.json` and the `<name>.arrAsset` stand-in (which says it is an emulator
// artifact and carries the input's hash, so nobody mistakes it for a renderable asset).
import type { ConversionInfoFile, ConversionResultEntry, ConversionSettingsFile } from "../../storage/settings-file.js";
import type { ModelReading, Vec3 } from "./model-statistics.js";

/** The emulator's stand-in for the conversion tool's version. */
export const CONVERSION_TOOL_VERSION = "remote-rendering-client-emulator";

const FORMATS: Record<string, string> = {
  ".gltf": "glTF",
  ".glb": "glTF",
  ".fbx": "FBX",
  ".ply": "PLY",
  ".xyz": "XYZ",
  ".e57": "E57",
  ".las": "LAS",
  ".laz": "LAZ",
};

export const extensionOf = (path: string): string => {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
};

export const isGltf = (path: string): boolean => [".gltf", ".glb"].includes(extensionOf(path));

export interface ReportInput {
  readonly conversionId: string;
  /** The input model, relative to the input's blob prefix. */
  readonly inputPath: string;
  readonly outputName: string;
  readonly settings: ConversionSettingsFile;
  readonly inputSha256: string;
  /** Present for models the emulator can read (glTF, GLB, and the point clouds PLY, XYZ, LAS, LAZ). */
  readonly reading: ModelReading | undefined;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6 || 0;
const vec = (v: readonly number[]): Vec3 => [round(v[0] ?? 0), round(v[1] ?? 0), round(v[2] ?? 0)];

/** info.json: scaling and recentring applied to the bounding box as the converter would. */
export function infoFile(input: ReportInput): ConversionInfoFile {
  const { reading, settings } = input;
  const info: ConversionInfoFile = {
    files: { input: input.inputPath, output: input.outputName },
    conversionSettings: settings,
    inputInfo: {
      sourceAssetExtension: extensionOf(input.inputPath),
      sourceAssetFormat: FORMATS[extensionOf(input.inputPath)] ?? "unknown",
      ...(reading?.formatVersion === undefined ? {} : { sourceAssetFormatVersion: reading.formatVersion }),
      ...(reading?.generator === undefined ? {} : { sourceAssetGenerator: reading.generator }),
    },
    materialOverrides: { numOverrides: 0, numOverriddenMaterials: 0 },
    outputInfo: { conversionToolVersion: CONVERSION_TOOL_VERSION, conversionHash: input.inputSha256.toUpperCase() },
  };
  if (reading === undefined) return info;
  const scale = settings.scaling ?? 1;
  let min = reading.bounds.min.map((c) => c * scale);
  let max = reading.bounds.max.map((c) => c * scale);
  let offset = [0, 0, 0];
  if (settings.recenterToOrigin === true) {
    offset = min.map((lo, i) => -(lo + (max[i] ?? 0)) / 2);
    min = min.map((c, i) => c + (offset[i] ?? 0));
    max = max.map((c, i) => c + (offset[i] ?? 0));
  }
  return {
    ...info,
    inputStatistics: reading.statistics,
    outputStatistics: {
      numMeshPartsCreated: reading.numMeshPartsCreated,
      numMeshPartsInstanced: reading.numMeshPartsInstanced,
      recenteringOffset: vec(offset),
      boundingBox: { min: vec(min), max: vec(max) },
    },
  };
}

/** result.json of a conversion that ran: the id, a warning per missing texture, then the result. */
export function resultFile(conversionId: string, reading: ModelReading | undefined): ConversionResultEntry[] {
  const warnings: ConversionResultEntry[] = (reading?.missingImages ?? []).map((texture) => ({
    warning: "4004",
    title: "Missing texture",
    details: { texture, message: `The texture ${texture} was not found in the input container.` },
  }));
  return [{ conversionId }, ...warnings, { result: warnings.length > 0 ? "succeeded with warnings" : "succeeded" }];
}

/** result.json of a conversion whose input could not be read. */
export function failedResultFile(conversionId: string, code: string, title: string, details: Record<string, unknown>): ConversionResultEntry[] {
  return [{ conversionId }, { error: code, title, details }, { result: "failed" }];
}

/** The `.arrAsset` stand-in. */
export function artifactFile(input: ReportInput): string {
  return `${JSON.stringify(
    {
      emulatorArtifact: true,
      notice: "Written by the remote-rendering-client emulator in place of a converted model; it cannot be rendered.",
      conversionId: input.conversionId,
      input: input.inputPath,
      inputSha256: input.inputSha256,
    },
    null,
    2,
  )}\n`;
}
