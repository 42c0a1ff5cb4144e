// Point-cloud inputs (PLY, XYZ, LAS, LAZ) read without a dependency, mapped into info.json's statistics, which
// the service defined for meshes. The mapping: the cloud is one mesh used once by one root node —
// numMeshes 1, numMeshUsagesInScene 1, numNodes 1, maxNodeDepth 1 (a root node is depth 1, as the glTF path
// counts), numVertices = points, numFaces = triangles (0 for a pure cloud; a PLY's faces fan-triangulated),
// numFacesSmallestMesh = numFacesBiggestMesh = numFaces, numMaterial 0 (none in the file); one mesh part
// created, none instanced. The bounding box then takes the same scaling and recentring as a glTF's.
// E57 is not read (an XML section plus binary pages, without a maintained JavaScript parser that comes
// without heavy dependencies), nor is FBX: those keep `inputInfo` only.
import { extensionOf } from "./conversion-reports.js";
import { readLasHeader } from "./las-header.js";
import type { ModelReading } from "./model-statistics.js";
import type { PointCloudContents } from "./point-bounds.js";
import { readPly } from "./ply-reader.js";
import { readXyz } from "./xyz-reader.js";

const READERS: Readonly<Record<string, (bytes: Uint8Array) => PointCloudContents>> = {
  ".ply": readPly,
  ".xyz": readXyz,
  ".las": (bytes) => readLasHeader(bytes, "LAS"),
  ".laz": (bytes) => readLasHeader(bytes, "LAZ"),
};

/** Whether the emulator reads statistics from an input with this path (PLY, XYZ, LAS, LAZ). */
export const isReadablePointCloud = (path: string): boolean => extensionOf(path) in READERS;

/** Reads a point cloud the emulator understands; throws an Error saying what is wrong when it does not parse. */
export function readPointCloud(path: string, bytes: Uint8Array): ModelReading {
  const reader = READERS[extensionOf(path)];
  if (reader === undefined) throw new Error(`The emulator reads no statistics from ${extensionOf(path) || "extensionless"} inputs.`);
  const cloud = reader(bytes);
  return {
    statistics: {
      numMeshes: 1,
      numFaces: cloud.triangles,
      numVertices: cloud.points,
      numMaterial: 0,
      numFacesSmallestMesh: cloud.triangles,
      numFacesBiggestMesh: cloud.triangles,
      numNodes: 1,
      numMeshUsagesInScene: 1,
      maxNodeDepth: 1,
    },
    bounds: cloud.bounds,
    numMeshPartsCreated: 1,
    numMeshPartsInstanced: 0,
    formatVersion: cloud.formatVersion,
    generator: cloud.generator,
    missingImages: [],
  };
}
