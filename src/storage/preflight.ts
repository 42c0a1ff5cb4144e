// Everything checked before a byte is uploaded: the model exists and its format is supported, its settings file
// is valid against the schema, the files a glTF references exist (inside the folder that is uploaded), and names
// the service mishandled are warned about. The answer is the plan of what to upload, and where.
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { StorageError } from "./errors.js";
import { parseSettingsFile, type ConversionSettingsInput } from "./settings-file.js";

/** Input formats the service converts (FBX, glTF/GLB, and the point cloud formats). */
export const SUPPORTED_FORMATS = [".fbx", ".gltf", ".glb", ".xyz", ".ply", ".e57", ".las", ".laz"] as const;

export interface PreflightOptions {
  /** The model file. */
  readonly model: string;
  /** Upload this whole folder (recursively; the model must be inside). Default: the model and what it references. */
  readonly folder?: string | undefined;
  /** A settings file to use instead of `<model>.ConversionSettings.json` beside the model. */
  readonly settings?: string | undefined;
}

/** One file to upload: where it is, and its blob name relative to the prefix (always with `/`). */
export interface PlannedFile {
  readonly path: string;
  readonly name: string;
}

export interface ModelPlan {
  /** The model, relative to the prefix, e.g. `cube.gltf` or `scenes/cube.gltf`. */
  readonly relativeInputAssetPath: string;
  /** Derived from the model's file name, so the same model always lands in the same place, e.g. `cube/`. */
  readonly blobPrefix: string;
  readonly files: readonly PlannedFile[];
  /** The settings that will be used, when there is a settings file. */
  readonly settings: ConversionSettingsInput | undefined;
  readonly warnings: readonly string[];
}

const toPosix = (path: string): string => path.split(sep).join("/");
const stemOf = (file: string): string => basename(file, extname(file));

/** `Robot Arm.fbx` → `Robot-Arm/`: letters, digits, `.`, `_`, `-` kept, the rest made `-`. */
export function blobPrefixFor(model: string): string {
  const stem = stemOf(model).replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${stem === "" ? "model" : stem}/`;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** The JSON of a .gltf, or the JSON chunk of a .glb; a StorageError `InvalidModel` when it is neither. */
function gltfJson(bytes: Buffer, file: string): { buffers?: { uri?: string }[]; images?: { uri?: string }[] } {
  let text: string;
  if (extname(file).toLowerCase() === ".glb") {
    if (bytes.length < 20 || bytes.toString("latin1", 0, 4) !== "glTF") {
      throw new StorageError({ code: "InvalidModel", message: `${basename(file)} is not a GLB file (no glTF header).`, field: "model", rule: "format" });
    }
    const length = bytes.readUInt32LE(12);
    text = bytes.toString("utf8", 20, 20 + length);
  } else {
    text = bytes.toString("utf8");
  }
  try {
    return JSON.parse(text) as { buffers?: { uri?: string }[]; images?: { uri?: string }[] };
  } catch (error) {
    throw new StorageError({ code: "InvalidModel", message: `${basename(file)} is not valid glTF JSON.`, field: "model", rule: "format", cause: error });
  }
}

/** Relative URIs of the buffers and images a glTF references (data: URIs are inside the file). */
function referencesOf(json: ReturnType<typeof gltfJson>): string[] {
  return [...(json.buffers ?? []), ...(json.images ?? [])]
    .map((r) => r.uri)
    .filter((uri): uri is string => typeof uri === "string" && !uri.startsWith("data:"))
    .map((uri) => {
      try {
        return decodeURIComponent(uri);
      } catch {
        return uri;
      }
    });
}

const inside = (root: string, path: string): boolean => {
  const r = relative(root, path);
  return r !== "" && !r.startsWith("..") && !isAbsolute(r);
};

/** Checks the model and plans its upload; throws {@link StorageError} naming the file and the rule. */
export async function preflight(options: PreflightOptions): Promise<ModelPlan> {
  const model = resolve(options.model);
  if (!(await isFile(model))) {
    throw new StorageError({ code: "ModelNotFound", message: `The model ${options.model} does not exist or is not a file.`, field: "model", rule: "exists" });
  }
  const extension = extname(model).toLowerCase();
  if (!(SUPPORTED_FORMATS as readonly string[]).includes(extension)) {
    throw new StorageError({
      code: "UnsupportedFormat",
      message: `${basename(model)}: '${extension || "(none)"}' is not a format the service converts; use one of ${SUPPORTED_FORMATS.join(", ")}.`,
      field: "model",
      rule: "enum",
    });
  }
  const root = resolve(options.folder ?? dirname(model));
  if (options.folder !== undefined && !inside(root, model)) {
    throw new StorageError({ code: "ModelOutsideFolder", message: `The model ${options.model} is not inside the folder ${options.folder}.`, field: "folder", rule: "contains" });
  }
  const paths = new Set<string>(options.folder === undefined ? [model] : await filesUnder(root));

  if (extension === ".gltf" || extension === ".glb") {
    for (const uri of referencesOf(gltfJson(await readFile(model), model))) {
      const path = resolve(dirname(model), uri);
      if (!inside(root, path)) {
        throw new StorageError({
          code: "ModelOutsideFolder",
          message: `${basename(model)} references ${uri}, outside ${toPosix(relative(process.cwd(), root)) || "."}: upload a folder that holds both with --folder.`,
          field: uri,
          rule: "contains",
        });
      }
      if (!(await isFile(path))) {
        throw new StorageError({ code: "MissingReference", message: `${basename(model)} references ${uri}, which does not exist.`, field: uri, rule: "exists" });
      }
      paths.add(path);
    }
  }

  // The settings file sits beside the model under the name the service looks for.
  const settingsName = `${stemOf(model)}.ConversionSettings.json`;
  const besideModel = join(dirname(model), settingsName);
  const settingsPath = options.settings === undefined ? ((await isFile(besideModel)) ? besideModel : undefined) : resolve(options.settings);
  let settings: ConversionSettingsInput | undefined;
  const files = new Map<string, PlannedFile>();
  for (const path of paths) files.set(toPosix(relative(root, path)), { path, name: toPosix(relative(root, path)) });
  const relativeInputAssetPath = toPosix(relative(root, model));
  if (settingsPath !== undefined) {
    if (!(await isFile(settingsPath))) {
      throw new StorageError({ code: "InvalidSettings", message: `The settings file ${options.settings ?? settingsPath} does not exist.`, field: "settings", rule: "exists" });
    }
    settings = parseSettingsFile(await readFile(settingsPath, "utf8"), basename(settingsPath));
    const name = toPosix(relative(root, join(dirname(model), settingsName)));
    files.set(name, { path: settingsPath, name });
  }
  const overrides = join(dirname(model), `${stemOf(model)}.MaterialOverrides.json`);
  if (await isFile(overrides)) files.set(toPosix(relative(root, overrides)), { path: overrides, name: toPosix(relative(root, overrides)) });

  const planned = [...files.values()].sort((a, b) => a.name.localeCompare(b.name));
  const warnings = planned
    .filter((f) => f.name.includes("&"))
    .map((f) => `${f.name}: names with '&' were mishandled by the service (conversions failed to find them); rename the file.`);
  return { relativeInputAssetPath, blobPrefix: blobPrefixFor(model), files: planned, settings, warnings };
}
