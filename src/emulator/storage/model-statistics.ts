// Reads a glTF or GLB model (and the buffers and images it references) through a resolver onto blob storage,
// with glTF-Transform, and counts what info.json reports. Missing images are warnings (the service's 4004
// "Missing texture"); a missing buffer or anything glTF-Transform cannot parse makes the input invalid.
import { getBounds, PlatformIO, type Document, type Mesh, type Node } from "@gltf-transform/core";
import type { components } from "../../../generated/conversion-files.js";

export type Vec3 = [number, number, number];

/** info.json's `inputStatistics`, as spec/conversion-files.yaml declares it. */
export type InputStatistics = NonNullable<components["schemas"]["conversion_info_file"]["inputStatistics"]>;

export interface ModelReading {
  readonly statistics: InputStatistics;
  /** World-space bounds of the default scene (before scaling). */
  readonly bounds: { readonly min: Vec3; readonly max: Vec3 };
  readonly numMeshPartsCreated: number;
  readonly numMeshPartsInstanced: number;
  /** The format's version where the file states one (glTF's asset.version, PLY's format line, LAS's header). */
  readonly formatVersion: string | undefined;
  readonly generator: string | undefined;
  /** URIs of images that could not be read. */
  readonly missingImages: readonly string[];
}

/** Reads a blob by its path relative to the model's folder; undefined when there is none. */
export type ResourceReader = (relativePath: string) => Promise<Uint8Array | undefined>;

class MissingResource extends Error {}

/** glTF-Transform's I/O with every URI resolved against the model's folder in storage instead of a file system. */
class StorageIO extends PlatformIO {
  readonly missing: string[] = [];
  constructor(private readonly readResource: ResourceReader) {
    super();
  }
  protected readURI(uri: string, type: "view"): Promise<Uint8Array<ArrayBuffer>>;
  protected readURI(uri: string, type: "text"): Promise<string>;
  protected async readURI(uri: string, type: "view" | "text"): Promise<Uint8Array | string> {
    const bytes = await this.readResource(uri);
    if (bytes === undefined) {
      this.missing.push(uri);
      throw new MissingResource(`${uri} was not found beside the model.`);
    }
    return type === "text" ? new TextDecoder().decode(bytes) : new Uint8Array(bytes);
  }
  protected resolve(base: string, path: string): string {
    // Relative to the model's folder, `.`/`..` collapsed; a path escaping it stays unresolvable (missing).
    const parts: string[] = [];
    for (const segment of `${base === "" ? "" : `${base}/`}${decodeURIComponent(path)}`.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") parts.pop();
      else parts.push(segment);
    }
    return parts.join("/");
  }
  protected dirname(uri: string): string {
    const at = uri.lastIndexOf("/");
    return at < 0 ? "" : uri.slice(0, at);
  }
}

const TRIANGLES = 4;
const TRIANGLE_STRIP = 5;
const TRIANGLE_FAN = 6;

function facesOf(mesh: Mesh): number {
  let faces = 0;
  for (const primitive of mesh.listPrimitives()) {
    const count = primitive.getIndices()?.getCount() ?? primitive.getAttribute("POSITION")?.getCount() ?? 0;
    const mode = primitive.getMode();
    if (mode === TRIANGLES) faces += Math.floor(count / 3);
    else if (mode === TRIANGLE_STRIP || mode === TRIANGLE_FAN) faces += Math.max(0, count - 2);
  }
  return faces;
}

function statisticsOf(document: Document): Omit<ModelReading, "missingImages" | "formatVersion" | "generator"> {
  const root = document.getRoot();
  const meshes = root.listMeshes();
  const faces = meshes.map(facesOf);
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  let usages = 0;
  let maxDepth = 0;
  let instanced = 0;
  const used = new Set<Mesh>();
  const visit = (node: Node, depth: number): void => {
    maxDepth = Math.max(maxDepth, depth);
    const mesh = node.getMesh();
    if (mesh !== null) {
      usages++;
      // Every use of a mesh after its first is drawn as instances of the parts already created.
      if (used.has(mesh)) instanced += mesh.listPrimitives().length;
      used.add(mesh);
    }
    for (const child of node.listChildren()) visit(child, depth + 1);
  };
  for (const node of scene?.listChildren() ?? []) visit(node, 1);
  const bounds = scene === undefined || usages === 0 ? { min: [0, 0, 0] as Vec3, max: [0, 0, 0] as Vec3 } : getBounds(scene);
  return {
    statistics: {
      numMeshes: meshes.length,
      numFaces: faces.reduce((a, b) => a + b, 0),
      numVertices: meshes.reduce(
        (sum, mesh) => sum + mesh.listPrimitives().reduce((s, p) => s + (p.getAttribute("POSITION")?.getCount() ?? 0), 0),
        0,
      ),
      numMaterial: root.listMaterials().length,
      numFacesSmallestMesh: faces.length === 0 ? 0 : Math.min(...faces),
      numFacesBiggestMesh: faces.length === 0 ? 0 : Math.max(...faces),
      numNodes: root.listNodes().length,
      numMeshUsagesInScene: usages,
      maxNodeDepth: maxDepth,
    },
    bounds: { min: [...bounds.min] as Vec3, max: [...bounds.max] as Vec3 },
    numMeshPartsCreated: [...used].reduce((sum, mesh) => sum + mesh.listPrimitives().length, 0),
    numMeshPartsInstanced: instanced,
  };
}

/**
 * Reads the model at `modelPath` (a `.gltf` or `.glb`, relative to the input's blob prefix) and its resources.
 * Throws an Error whose message says what is wrong when the model cannot be read.
 */
export async function readModel(modelPath: string, readResource: ResourceReader): Promise<ModelReading> {
  const io = new StorageIO(readResource).setStrictResources(false).setLogger({
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  });
  let document: Document;
  try {
    document = await io.read(modelPath);
  } catch (error) {
    const missingBuffer = io.missing.find((uri) => uri !== modelPath);
    if (missingBuffer !== undefined) throw new Error(`The buffer ${missingBuffer} is missing.`, { cause: error });
    throw new Error(`The model could not be parsed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // glTF-Transform drops references it cannot resolve (an accessor index out of range); a converter cannot
  // draw a primitive without positions, so that is an invalid input here.
  document.getRoot().listMeshes().forEach((mesh, m) =>
    mesh.listPrimitives().forEach((primitive, p) => {
      if (primitive.getAttribute("POSITION") === null) throw new Error(`Primitive ${p} of mesh ${m} has no vertex positions (POSITION).`);
    }),
  );
  const asset = document.getRoot().getAsset();
  return {
    ...statisticsOf(document),
    formatVersion: asset.version,
    generator: asset.generator,
    missingImages: io.missing.filter((uri) => uri !== modelPath),
  };
}
