// How `arr convert` and `arr conversions logs` explain a conversion: its status and error with what to do about
// the common ones, every warning and error of result.json, the statistics of info.json.
import type { Conversion } from "../index.js";
import type { ConversionInfoFile, ConversionOutputs, ConversionResultFile } from "../storage/index.js";
import { conversionDetails } from "./format.js";

/** What to check for the error codes a conversion ends with (the recorded ones and the emulator's own). */
const ADVICE: Record<string, string> = {
  InputContainerError: "The input asset was not found: check the container, blob prefix and path, and that the file was uploaded.",
  InputContainerAccessDenied: "Give the input container a SAS with read (r) and list (l), or link the storage account.",
  OutputContainerAccessDenied: "Give the output container a SAS with write (w), or link the storage account.",
  OutputContainerError: "Create the output container, or check its URL.",
  ConversionProcessFailed: "The converter rejected the input: result.json below says why.",
  StorageAccountNotReachable: "The emulator reaches only the storage accounts given with --storage-connection-string.",
  LinkedStorageAccessFailure: "Pass SAS tokens, or link the storage account to the Remote Rendering account.",
};

const entryLine = (entry: Record<string, unknown>): string | undefined => {
  for (const kind of ["error", "warning", "internal error", "internal warning"] as const) {
    const code = entry[kind];
    if (typeof code !== "string") continue;
    const title = typeof entry["title"] === "string" ? ` ${entry["title"]}` : "";
    const details = entry["details"] !== undefined ? ` ${JSON.stringify(entry["details"])}` : "";
    return `${kind} ${code}:${title}${details}`;
  }
  return undefined;
};

function resultLines(result: ConversionResultFile | undefined, blob: string): string[] {
  if (result === undefined) return [`result.json:  none (${blob}): the conversion failed before it started, or has not ended`];
  const entries = result as unknown as Record<string, unknown>[];
  const outcome = entries.find((e) => typeof e["result"] === "string")?.["result"];
  return [`result.json:  ${typeof outcome === "string" ? outcome : "no result entry"}`, ...entries.map(entryLine).filter((l): l is string => l !== undefined).map((l) => `  ${l}`)];
}

function infoLines(info: ConversionInfoFile | undefined): string[] {
  if (info === undefined) return ["info.json:    none"];
  const lines = [`info.json:    ${info.files.input} (${info.inputInfo.sourceAssetFormat}${info.inputInfo.sourceAssetFormatVersion ? ` ${info.inputInfo.sourceAssetFormatVersion}` : ""}) → ${info.files.output}`];
  const s = info.inputStatistics;
  if (s !== undefined) {
    lines.push(
      `  ${s.numMeshes} meshes, ${s.numFaces} faces, ${s.numVertices} vertices, ${s.numMaterial} materials, ` +
        `${s.numNodes} nodes (depth ${s.maxNodeDepth}), ${s.numMeshUsagesInScene} mesh uses`,
    );
  }
  const box = info.outputStatistics?.boundingBox;
  if (box !== undefined) lines.push(`  bounding box [${box.min.join(", ")}] – [${box.max.join(", ")}]`);
  return lines;
}

/** The whole human report. */
export function conversionReport(conversion: Conversion, outputs: ConversionOutputs | undefined): string {
  const lines = [conversionDetails(conversion)];
  const advice = conversion.error ? ADVICE[conversion.error.code] : undefined;
  if (advice !== undefined) lines.push(`Hint:         ${advice}`);
  if (outputs !== undefined) {
    lines.push(...resultLines(outputs.result, `${outputs.container}/${outputs.resultBlob}`), ...infoLines(outputs.info));
    for (const problem of outputs.problems) lines.push(`note: ${problem}`);
  }
  return lines.join("\n");
}
