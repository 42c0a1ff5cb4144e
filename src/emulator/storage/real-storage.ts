// Storage that is really there: the accounts given with --storage-connection-string (Azurite or Azure). A
// conversion whose time is up reads its input with the SAS it was given (or the account key: those accounts
// count as linked), reads glTF/GLB and the point clouds PLY, XYZ, LAS and LAZ for real statistics and writes
// `<name>.arrAsset`, `.result.json` and `.info.json` beside the output. Error codes and messages name the
// container and the permission at fault and never carry a SAS or a key. Loaded only when storage is configured,
// so @azure/storage-blob stays unloaded else.
import { AnonymousCredential, ContainerClient, RestError, StorageSharedKeyCredential } from "@azure/storage-blob";
import { createHash } from "node:crypto";
import { containerOf, parseConnectionString, type StorageAccount } from "../../storage/connection-string.js";
import { parseSettingsFile, withDefaults, type ConversionSettingsInput } from "../../storage/settings-file.js";
import { StorageError } from "../../storage/errors.js";
import { INPUT_MISSING } from "../conversion-view.js";
import type { ConversionJob, ConversionOutcome, ConversionStorage } from "./conversion-storage.js";
import { artifactFile, failedResultFile, infoFile, isGltf, resultFile, type ReportInput } from "./conversion-reports.js";
import { readModel, type ModelReading } from "./model-statistics.js";
import { isReadablePointCloud, readPointCloud } from "./point-clouds.js";
import { missingPermissions } from "./sas-permissions.js";

/** The recorded answer of the service for an input it could not convert (2022); result.json says why. */
export const INVALID_INPUT_MESSAGE = "Invalid input provided. Check logs in output container for details.";

interface Located {
  readonly account: StorageAccount;
  readonly container: string;
  readonly uri: string;
}

const failed = (code: string, message: string): ConversionOutcome => ({ status: "Failed", error: { code, message } });

/** A failure to report instead of carrying on. */
class Stop extends Error {
  constructor(readonly outcome: ConversionOutcome) {
    super(outcome.error?.message);
  }
}

const statusOf = (error: unknown): number | undefined => (error instanceof RestError ? error.statusCode : undefined);
const codeOf = (error: unknown): string => (error instanceof RestError ? (error.code ?? String(error.statusCode ?? "")) : "NetworkError");

function clientFor(located: Located, sas: string | undefined): ContainerClient {
  const url = `${located.account.blobEndpoint}/${encodeURIComponent(located.container)}`;
  const retryOptions = { maxTries: 2 };
  if (sas === undefined || sas === "") {
    return new ContainerClient(url, new StorageSharedKeyCredential(located.account.accountName, located.account.accountKey), { retryOptions });
  }
  return new ContainerClient(`${url}?${sas.replace(/^\?/, "")}`, new AnonymousCredential(), { retryOptions });
}

async function download(client: ContainerClient, name: string): Promise<Uint8Array | undefined> {
  try {
    return await client.getBlobClient(name).downloadToBuffer();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

const stemOf = (name: string): string => name.replace(/\.[^./]*$/, "");
const folderOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");

/** Real storage over the accounts of these connection strings (checked here; never logged). */
export function realStorage(connectionStrings: readonly string[], log: (line: string) => void): ConversionStorage {
  const accounts = connectionStrings.map(parseConnectionString);

  const locate = (uri: string): Located | undefined => {
    for (const account of accounts) {
      const container = containerOf(account, uri);
      if (container !== undefined) return { account, container, uri: uri.replace(/[?#].*$/, "") };
    }
    return undefined;
  };

  const reachable = (uri: string, side: "input" | "output"): Located => {
    const located = locate(uri);
    if (located !== undefined) return located;
    throw new Stop(
      failed(
        "StorageAccountNotReachable",
        `The storage account of the ${side} container ${uri.replace(/[?#].*$/, "")} is not reachable from the emulator: ` +
          "start it with --storage-connection-string for that account.",
      ),
    );
  };

  const permitted = (sas: string | undefined, needed: string, code: string, what: string, uri: string): void => {
    if (sas === undefined || sas === "") return;
    const missing = missingPermissions(sas, needed);
    if (missing.length > 0) throw new Stop(failed(code, `The SAS of the ${what} container ${uri} does not grant the ${missing.join(" and ")} permission${missing.length > 1 ? "s" : ""}.`));
  };

  /** Turns a storage failure into the conversion's error; anything unexpected ends as the container's error too. */
  const refused = (error: unknown, side: "input" | "output", uri: string): Stop => {
    if (error instanceof Stop) return error;
    const status = statusOf(error);
    const code = codeOf(error);
    if (side === "input" && status === 404) return new Stop({ status: "Failed", error: INPUT_MISSING });
    if (side === "output" && status === 404) {
      return new Stop(failed("OutputContainerError", `Could not find the output container ${uri} in the storage account.`));
    }
    if (status === 403) {
      return new Stop(
        failed(
          side === "input" ? "InputContainerAccessDenied" : "OutputContainerAccessDenied",
          `The storage account refused access to the ${side} container ${uri} (${code}): check the SAS's permissions and expiry.`,
        ),
      );
    }
    return new Stop(failed(side === "input" ? "InputContainerError" : "OutputContainerError", `The ${side} container ${uri} could not be reached (${code}).`));
  };

  async function run(job: ConversionJob): Promise<ConversionOutcome> {
    const { inputLocation, outputLocation } = job.settings;
    const input = reachable(inputLocation.storageContainerUri, "input");
    const output = reachable(outputLocation.storageContainerUri, "output");
    permitted(job.inputSas, "rl", "InputContainerAccessDenied", "input", input.uri);
    permitted(job.outputSas, "w", "OutputContainerAccessDenied", "output", output.uri);

    const inClient = clientFor(input, job.inputSas);
    const prefix = inputLocation.blobPrefix ?? "";
    const modelPath = inputLocation.relativeInputAssetPath;
    let model: Uint8Array | undefined;
    let settingsText: Uint8Array | undefined;
    const settingsName = `${folderOf(modelPath)}${stemOf(modelPath.slice(modelPath.lastIndexOf("/") + 1))}.ConversionSettings.json`;
    try {
      // A listing first: the service lists the input container, so a SAS without list fails here as it did there.
      await inClient.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1 }).next();
      model = await download(inClient, `${prefix}${modelPath}`);
      if (model !== undefined) settingsText = await download(inClient, `${prefix}${settingsName}`);
    } catch (error) {
      throw refused(error, "input", input.uri);
    }
    if (model === undefined) throw new Stop({ status: "Failed", error: INPUT_MISSING });
    log(`conversion ${job.accountId}/${job.id}: read ${model.byteLength} bytes of input from container ${input.container}`);

    const outClient = clientFor(output, job.outputSas);
    const outPrefix = outputLocation.blobPrefix ?? "";
    const outputName = outputLocation.outputAssetFilename ?? `${stemOf(modelPath)}.arrAsset`;
    const outStem = `${outPrefix}${stemOf(outputName)}`;
    const write = async (name: string, text: string): Promise<void> => {
      try {
        await outClient.getBlockBlobClient(name).upload(text, Buffer.byteLength(text), {
          blobHTTPHeaders: { blobContentType: name.endsWith(".json") ? "application/json" : "application/octet-stream" },
        });
      } catch (error) {
        throw refused(error, "output", output.uri);
      }
    };
    const failInput = async (code: string, title: string, details: Record<string, unknown>): Promise<ConversionOutcome> => {
      await write(`${outStem}.result.json`, `${JSON.stringify(failedResultFile(job.id, code, title, details), null, 2)}\n`);
      return failed("ConversionProcessFailed", INVALID_INPUT_MESSAGE);
    };

    let settings: ConversionSettingsInput = {};
    if (settingsText !== undefined) {
      try {
        settings = parseSettingsFile(new TextDecoder().decode(settingsText), settingsName);
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        return failInput("2001", "The conversion settings are not valid.", { file: settingsName, key: error.field, rule: error.rule, message: error.message });
      }
    }
    let reading: ModelReading | undefined;
    try {
      if (isGltf(modelPath)) {
        reading = await readModel(modelPath, async (path) => {
          try {
            return path === modelPath ? model : await download(inClient, `${prefix}${path}`);
          } catch (error) {
            throw refused(error, "input", input.uri);
          }
        });
      } else if (isReadablePointCloud(modelPath)) {
        reading = readPointCloud(modelPath, model);
      }
      // E57 and FBX are not read (see point-clouds.ts): their info.json carries inputInfo only.
    } catch (error) {
      if (error instanceof Stop) throw error;
      if (error instanceof Error && error.cause instanceof Stop) throw error.cause;
      return failInput("2007", "The input asset is not valid.", {
        asset: modelPath,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    const report: ReportInput = {
      conversionId: job.id,
      inputPath: modelPath,
      outputName,
      settings: withDefaults(settings),
      inputSha256: createHash("sha256").update(model).digest("hex"),
      reading,
    };
    await write(`${outStem}.arrAsset`, artifactFile(report));
    await write(`${outStem}.result.json`, `${JSON.stringify(resultFile(job.id, reading), null, 2)}\n`);
    await write(`${outStem}.info.json`, `${JSON.stringify(infoFile(report), null, 2)}\n`);
    log(`conversion ${job.accountId}/${job.id}: wrote ${stemOf(outputName)}.arrAsset, .result.json and .info.json to container ${output.container}`);
    return { status: "Succeeded" };
  }

  return {
    real: true,
    linkedAccounts: accounts.map((a) => a.accountName.toLowerCase()),
    async finish(job) {
      try {
        return await run(job);
      } catch (error) {
        if (error instanceof Stop) return error.outcome;
        throw error;
      }
    },
  };
}
