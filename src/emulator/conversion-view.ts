// A conversion's settings as the service keeps them (normalised, SAS removed) and its status at a moment:
// NotStarted for the first tenth of conversionSeconds, Running until they have passed, then the outcome that
// storage gave (see conversion-outcome.ts; Running until it is known).
import type { components } from "../../generated/remote-rendering.js";
import type { ConversionRecord, ConversionSettings } from "./store.js";

type Conversion = components["schemas"]["conversion"];
export type ConversionStatus = components["schemas"]["conversion_status"];

/** The error of a conversion whose input asset does not exist, as the service sent it in 2024. */
export const INPUT_MISSING = {
  code: "InputContainerError",
  message:
    "Could not find the asset file in the storage account. Please make sure all paths and names are correct and " +
    "the file is uploaded to storage.",
} as const;

const withSlash = (prefix: string): string => (prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`);

/** "robot/robot.fbx" → "robot.arrAsset". */
export function defaultOutputName(relativeInputAssetPath: string): string {
  const name = relativeInputAssetPath.slice(relativeInputAssetPath.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem === "" ? "output" : stem}.arrAsset`;
}

/** The settings as stored and echoed: blob prefixes end in `/`, the output name is filled in, no SAS. */
export function normaliseSettings(settings: ConversionSettings): ConversionSettings {
  const { inputLocation: input, outputLocation: output } = settings;
  const inputLocation: ConversionSettings["inputLocation"] = {
    storageContainerUri: input.storageContainerUri,
    relativeInputAssetPath: input.relativeInputAssetPath,
  };
  // An empty blobPrefix or outputAssetFilename means "not set": Microsoft's scripts send them when the user set none.
  if (input.blobPrefix) inputLocation.blobPrefix = withSlash(input.blobPrefix);
  const outputLocation: ConversionSettings["outputLocation"] = { storageContainerUri: output.storageContainerUri };
  if (output.blobPrefix) outputLocation.blobPrefix = withSlash(output.blobPrefix);
  outputLocation.outputAssetFilename = output.outputAssetFilename || defaultOutputName(input.relativeInputAssetPath);
  return { inputLocation, outputLocation };
}

export interface ConversionTiming {
  readonly conversionMs: number;
}

export function conversionStatus(c: ConversionRecord, now: number, timing: ConversionTiming): ConversionStatus {
  const age = now - c.createdAt;
  if (age < timing.conversionMs / 10) return "NotStarted";
  if (age < timing.conversionMs) return "Running";
  return c.outcome?.status ?? "Running";
}

/** Output container + blobPrefix + outputAssetFilename, escaped where the names need it to be a URI. */
function outputAssetUri(settings: ConversionSettings): string {
  const { storageContainerUri, blobPrefix, outputAssetFilename } = settings.outputLocation;
  return `${storageContainerUri.replace(/\/+$/, "")}/${encodeURI(`${blobPrefix ?? ""}${outputAssetFilename ?? ""}`)}`;
}

export function conversionProperties(c: ConversionRecord, now: number, timing: ConversionTiming): Conversion {
  const status = conversionStatus(c, now, timing);
  const base = { id: c.id, creationTime: c.creationTime, status };
  if (status === "Failed") {
    const error = c.outcome?.error ?? { code: "ConversionProcessFailed", message: "The conversion failed." };
    return { ...base, error: { code: error.code, message: error.message }, settings: c.settings };
  }
  if (status === "Succeeded") return { ...base, error: null, settings: c.settings, output: { outputAssetUri: outputAssetUri(c.settings) } };
  return { ...base, error: null, settings: c.settings };
}

/** Seconds until polling again is worthwhile: the next change of status (1–10 s), 0 once final. */
export function conversionRetryAfter(c: ConversionRecord, now: number, timing: ConversionTiming): number {
  const age = now - c.createdAt;
  const next = age < timing.conversionMs / 10 ? timing.conversionMs / 10 : timing.conversionMs;
  if (age >= timing.conversionMs) return c.outcome === undefined ? 1 : 0;
  return Math.min(10, Math.max(1, Math.ceil((next - age) / 1000)));
}
