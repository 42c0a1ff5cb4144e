// Test models made here, never downloaded: a unit cube (24 vertices, 12 triangles) as glTF with its .bin and a
// texture in a subfolder, and a small scene as GLB (a parent node with two children sharing the cube mesh).
// Each comes with the statistics it must produce, computed from how it was built.
import { Document, NodeIO } from "@gltf-transform/core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A 1×1 PNG (a valid image, so viewers and glTF-Transform take it). */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const FACES: ReadonlyArray<{ normal: [number, number, number]; u: [number, number, number]; v: [number, number, number] }> = [
  { normal: [1, 0, 0], u: [0, 1, 0], v: [0, 0, 1] },
  { normal: [-1, 0, 0], u: [0, 0, 1], v: [0, 1, 0] },
  { normal: [0, 1, 0], u: [0, 0, 1], v: [1, 0, 0] },
  { normal: [0, -1, 0], u: [1, 0, 0], v: [0, 0, 1] },
  { normal: [0, 0, 1], u: [1, 0, 0], v: [0, 1, 0] },
  { normal: [0, 0, -1], u: [0, 1, 0], v: [1, 0, 0] },
];

/** The cube's geometry, half-size `h`: 4 vertices and 2 triangles per face. */
function cubeGeometry(h: number): { positions: Float32Array; normals: Float32Array; uvs: Float32Array; indices: Uint16Array } {
  const positions: number[] = [];
  const normals: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  for (const { normal, u, v } of FACES) {
    const base = positions.length / 3;
    for (const [su, sv] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
      for (let i = 0; i < 3; i++) positions.push(h * (normal[i]! + su * u[i]! + sv * v[i]!));
      normals.push(...normal);
      uvs.push((su + 1) / 2, (sv + 1) / 2);
    }
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  return { positions: new Float32Array(positions), normals: new Float32Array(normals), uvs: new Float32Array(uvs), indices: new Uint16Array(indices) };
}

function cubeMesh(document: Document, h: number, texture: { uri: string } | undefined) {
  const buffer = document.getRoot().listBuffers()[0] ?? document.createBuffer("buffer").setURI("cube.bin");
  const g = cubeGeometry(h);
  const material = document.createMaterial("cube-material").setBaseColorFactor([0.8, 0.8, 0.8, 1]);
  if (texture !== undefined) {
    material.setBaseColorTexture(document.createTexture("checker").setImage(PNG_1X1).setMimeType("image/png").setURI(texture.uri));
  }
  const primitive = document
    .createPrimitive()
    .setAttribute("POSITION", document.createAccessor().setType("VEC3").setArray(g.positions).setBuffer(buffer))
    .setAttribute("NORMAL", document.createAccessor().setType("VEC3").setArray(g.normals).setBuffer(buffer))
    .setAttribute("TEXCOORD_0", document.createAccessor().setType("VEC2").setArray(g.uvs).setBuffer(buffer))
    .setIndices(document.createAccessor().setType("SCALAR").setArray(g.indices).setBuffer(buffer))
    .setMaterial(material);
  return document.createMesh("cube").addPrimitive(primitive);
}

export interface ExpectedStatistics {
  readonly inputStatistics: Record<string, number>;
  readonly boundingBox: { min: number[]; max: number[] };
  readonly numMeshPartsCreated: number;
  readonly numMeshPartsInstanced: number;
}

export interface WrittenModel {
  /** The model file. */
  readonly path: string;
  /** Every file written, relative to the folder. */
  readonly files: readonly string[];
  readonly expected: ExpectedStatistics;
}

/** Writes `cube.gltf`, `cube.bin` and `textures/checker.png` into `dir`: a cube of half-size `h` (default 1). */
export async function writeCubeGltf(dir: string, h = 1): Promise<WrittenModel> {
  const document = new Document();
  document.getRoot().getAsset().generator = "remote-rendering-client tests";
  const mesh = cubeMesh(document, h, { uri: "textures/checker.png" });
  document.createScene("scene").addChild(document.createNode("cube").setMesh(mesh));
  mkdirSync(join(dir, "textures"), { recursive: true });
  await new NodeIO().write(join(dir, "cube.gltf"), document);
  return {
    path: join(dir, "cube.gltf"),
    files: ["cube.bin", "cube.gltf", "textures/checker.png"],
    expected: {
      inputStatistics: {
        numMeshes: 1,
        numFaces: 6 * 2,
        numVertices: 6 * 4,
        numMaterial: 1,
        numFacesSmallestMesh: 12,
        numFacesBiggestMesh: 12,
        numNodes: 1,
        numMeshUsagesInScene: 1,
        maxNodeDepth: 1,
      },
      boundingBox: { min: [-h, -h, -h], max: [h, h, h] },
      numMeshPartsCreated: 1,
      numMeshPartsInstanced: 0,
    },
  };
}

/**
 * Writes `scene.glb` into `dir`: a parent node at (10, 0, 0) with two children at x = ±2 both using one cube
 * mesh of half-size 0.5, plus a second mesh (a smaller cube, 0.25) on its own root node.
 */
export async function writeSceneGlb(dir: string): Promise<WrittenModel> {
  const document = new Document();
  document.createBuffer("buffer");
  const shared = cubeMesh(document, 0.5, undefined);
  const small = cubeMesh(document, 0.25, undefined);
  const parent = document.createNode("parent").setTranslation([10, 0, 0]);
  parent.addChild(document.createNode("left").setTranslation([-2, 0, 0]).setMesh(shared));
  parent.addChild(document.createNode("right").setTranslation([2, 0, 0]).setMesh(shared));
  document.createScene("scene").addChild(parent).addChild(document.createNode("small").setMesh(small));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "scene.glb");
  writeFileSync(path, await new NodeIO().writeBinary(document));
  return {
    path,
    files: ["scene.glb"],
    expected: {
      inputStatistics: {
        numMeshes: 2,
        numFaces: 24,
        numVertices: 48,
        numMaterial: 2,
        numFacesSmallestMesh: 12,
        numFacesBiggestMesh: 12,
        numNodes: 4,
        numMeshUsagesInScene: 3,
        maxNodeDepth: 2,
      },
      // x: from the left cube (10 − 2 − 0.5) to the right one (10 + 2 + 0.5); y, z: the bigger cube's ±0.5.
      boundingBox: { min: [-0.25, -0.5, -0.5], max: [12.5, 0.5, 0.5] },
      numMeshPartsCreated: 2,
      numMeshPartsInstanced: 1,
    },
  };
}
