// `convertModel`: a local model to a converted asset in one call — preflight, upload, SAS, create, wait, read
// the reports. What `arr convert` runs; each step reports through `onStep`, the upload and the wait through
// their own progress callbacks. A conversion that ends Failed is returned (status Failed, with its reports),
// not thrown: its result.json is the diagnosis.
import { ConversionFailedError, type Conversion, type RemoteRenderingClient } from "../index.js";
import { parseConnectionString, type StorageAccount } from "./connection-string.js";
import { containerClient, containerName, DEFAULT_INPUT_CONTAINER, DEFAULT_OUTPUT_CONTAINER, ensureContainer } from "./containers.js";
import { readConversionOutputs, type ConversionOutputs } from "./outputs.js";
import { preflight, type ModelPlan } from "./preflight.js";
import { blobReadUrl, containerSas, sasLifetimeMs } from "./sas.js";
import { uploadFiles, type UploadOptions, type UploadProgress, type UploadSummary } from "./upload.js";

export type ConvertStep = "preflight" | "upload" | "sas" | "create" | "wait" | "outputs";

export interface ConvertModelOptions {
  readonly client: RemoteRenderingClient;
  /** Connection string of the storage account, with its key (a secret, never echoed). */
  readonly connectionString: string;
  /** The model file (.fbx, .gltf, .glb, .xyz, .ply, .e57, .las, .laz). */
  readonly model: string;
  /** Upload this whole folder (the model inside it) instead of the model and the files it references. */
  readonly folder?: string | undefined;
  /** A settings file instead of `<model>.ConversionSettings.json`. */
  readonly settings?: string | undefined;
  /** Container name or URL (default `arr-input`), created when missing. */
  readonly inputContainer?: string | undefined;
  /** Container name or URL (default `arr-output`), created when missing. Outputs go under the conversion id. */
  readonly outputContainer?: string | undefined;
  /** Conversion id (default: the model's name and the time, e.g. `cube-20260101-120000`). */
  readonly conversionId?: string | undefined;
  /** Wait for the conversion to end and read its reports (default true). */
  readonly wait?: boolean | undefined;
  /** The longest wait the caller allows: the SAS tokens outlive it (and 24 h). */
  readonly waitTimeoutMs?: number | undefined;
  /** Files uploaded at once (default 8). */
  readonly parallelism?: number | undefined;
  /** Where the upload's local hash index is kept (see {@link UploadOptions.hashIndexDir}); `false`: none. */
  readonly hashIndexDir?: string | false | undefined;
  /** Also return a read SAS URL of the converted asset (a secret). */
  readonly assetSasUrl?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Each step as it begins; `conversionId` is known from the upload on (the given id or the one made up). */
  readonly onStep?: ((step: ConvertStep, plan: ModelPlan | undefined, conversionId: string | undefined) => void) | undefined;
  readonly onUploadProgress?: ((progress: UploadProgress) => void) | undefined;
  readonly onConversionProgress?: ((conversion: Conversion) => void) | undefined;
  /** Milliseconds between polls when the service sends no Retry-After. */
  readonly pollIntervalMs?: number | undefined;
}

export interface ConvertModelResult {
  readonly plan: ModelPlan;
  readonly upload: UploadSummary;
  /** The conversion as last seen (NotStarted when not waiting; Succeeded or Failed after the wait). */
  readonly conversion: Conversion;
  /** result.json and info.json, when waited for (each undefined when the service wrote none). */
  readonly outputs: ConversionOutputs | undefined;
  /** A read SAS URL of the asset, when asked for and the conversion succeeded. */
  readonly assetSasUrl: string | undefined;
}

function defaultId(plan: ModelPlan, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${plan.blobPrefix.replace(/\/$/, "").replace(/[^A-Za-z0-9_-]/g, "-")}-${stamp}`;
}

const signalOf = (signal: AbortSignal | undefined): { signal?: AbortSignal } => (signal === undefined ? {} : { signal });

export async function convertModel(options: ConvertModelOptions): Promise<ConvertModelResult> {
  const { client, signal } = options;
  const account: StorageAccount = parseConnectionString(options.connectionString);
  const inputName = containerName(account, options.inputContainer ?? DEFAULT_INPUT_CONTAINER, "inputContainer");
  const outputName = containerName(account, options.outputContainer ?? DEFAULT_OUTPUT_CONTAINER, "outputContainer");

  options.onStep?.("preflight", undefined, undefined);
  const plan = await preflight({ model: options.model, folder: options.folder, settings: options.settings });
  const id = options.conversionId ?? defaultId(plan, new Date());

  options.onStep?.("upload", plan, id);
  const input = containerClient(account, inputName);
  const output = containerClient(account, outputName);
  await ensureContainer(input, signal);
  await ensureContainer(output, signal);
  const upload = await uploadFiles({
    container: input,
    prefix: plan.blobPrefix,
    files: plan.files,
    parallelism: options.parallelism,
    hashIndexDir: options.hashIndexDir,
    onProgress: options.onUploadProgress,
    signal,
  });

  options.onStep?.("sas", plan, id);
  const lifetimeMs = sasLifetimeMs(options.waitTimeoutMs);
  const inputSas = containerSas(account, inputName, "rl", { lifetimeMs });
  const outputSas = containerSas(account, outputName, "w", { lifetimeMs });

  options.onStep?.("create", plan, id);
  let conversion = await client.conversions.create(
    id,
    {
      inputLocation: {
        storageContainerUri: input.url,
        blobPrefix: plan.blobPrefix,
        relativeInputAssetPath: plan.relativeInputAssetPath,
        storageContainerReadListSas: inputSas,
      },
      outputLocation: { storageContainerUri: output.url, blobPrefix: `${id}/`, storageContainerWriteSas: outputSas },
    },
    signalOf(signal),
  );
  if (options.wait === false) return { plan, upload, conversion, outputs: undefined, assetSasUrl: undefined };

  options.onStep?.("wait", plan, id);
  try {
    conversion = await client.conversions.waitUntilDone(id, {
      ...signalOf(signal),
      ...(options.onConversionProgress === undefined ? {} : { onProgress: options.onConversionProgress }),
      ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
    });
  } catch (error) {
    if (!(error instanceof ConversionFailedError)) throw error;
    conversion = error.conversion;
  }

  options.onStep?.("outputs", plan, id);
  const outputs = await readConversionOutputs(account, conversion);
  const assetSasUrl =
    options.assetSasUrl === true && conversion.status === "Succeeded"
      ? blobReadUrl(account, outputs.container, outputs.assetBlob, { lifetimeMs })
      : undefined;
  return { plan, upload, conversion, outputs, assetSasUrl };
}

