// Reads what a conversion left beside its output asset: `<name>.result.json` and `<name>.info.json`, typed by
// the schemas of spec/conversion-files.yaml. Either may be missing (result.json is, when the conversion failed
// before it started); a file that does not match its schema is returned as is, with a note.
import { RestError, type ContainerClient } from "@azure/storage-blob";
import type { Conversion } from "../index.js";
import { containerOf, type StorageAccount } from "./connection-string.js";
import { containerClient } from "./containers.js";
import { StorageError } from "./errors.js";
import { fileValidator, type ConversionInfoFile, type ConversionResultFile } from "./settings-file.js";

export interface ConversionOutputs {
  /** Container and blob names of the three outputs. */
  readonly container: string;
  readonly assetBlob: string;
  readonly resultBlob: string;
  readonly infoBlob: string;
  readonly result: ConversionResultFile | undefined;
  readonly info: ConversionInfoFile | undefined;
  /** Files that were there but did not match their schema. */
  readonly problems: readonly string[];
}

/** The output blob names of a conversion (from its settings, as the service echoes them). */
export function outputBlobs(conversion: Conversion): { assetBlob: string; resultBlob: string; infoBlob: string } {
  const output = conversion.settings.outputLocation;
  const name = output.outputAssetFilename ?? `${conversion.settings.inputLocation.relativeInputAssetPath.replace(/^.*\//, "").replace(/\.[^.]*$/, "")}.arrAsset`;
  const stem = `${output.blobPrefix ?? ""}${name.replace(/\.arrAsset$/i, "")}`;
  return { assetBlob: `${stem}.arrAsset`, resultBlob: `${stem}.result.json`, infoBlob: `${stem}.info.json` };
}

async function readJson(container: ContainerClient, name: string): Promise<unknown> {
  try {
    const bytes = await container.getBlobClient(name).downloadToBuffer();
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return undefined;
    if (error instanceof SyntaxError) return { unreadable: true };
    throw error;
  }
}

/** Fetches result.json and info.json of a conversion from its output container on `account`. */
export async function readConversionOutputs(account: StorageAccount, conversion: Conversion): Promise<ConversionOutputs> {
  const uri = conversion.settings.outputLocation.storageContainerUri;
  const container = containerOf(account, uri);
  if (container === undefined) {
    throw new StorageError({
      code: "InvalidContainer",
      message: `The output container ${uri} of conversion ${conversion.id} is not on the storage account ${account.accountName}.`,
      field: "outputLocation.storageContainerUri",
      rule: "account",
    });
  }
  const client = containerClient(account, container);
  const blobs = outputBlobs(conversion);
  const [result, info] = await Promise.all([readJson(client, blobs.resultBlob), readJson(client, blobs.infoBlob)]);
  const problems: string[] = [];
  const resultValid = result !== undefined && fileValidator("conversion_result_file")(result);
  const infoValid = info !== undefined && fileValidator("conversion_info_file")(info);
  if (result !== undefined && !resultValid) problems.push(`${blobs.resultBlob} does not match the result.json schema.`);
  if (info !== undefined && !infoValid) problems.push(`${blobs.infoBlob} does not match the info.json schema.`);
  return {
    container,
    ...blobs,
    result: resultValid ? (result as ConversionResultFile) : undefined,
    info: infoValid ? (info as ConversionInfoFile) : undefined,
    problems,
  };
}
