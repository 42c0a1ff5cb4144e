// `arr convert <model>`: preflight, upload, SAS, create, and with --wait the wait and the reports — all through
// the library's convertModel (remote-rendering-client/storage), loaded only for this command. Steps and
// progress go to stderr; the result (or `{ conversion, result, info }` with --json) to stdout. Exit 1 when the
// conversion failed. No SAS, key or connection string is printed, but the asset's SAS URL with --sas-url.
import type { Conversion } from "../index.js";
import { convertModel, sasLifetimeMs, type ConvertStep, type ModelPlan } from "../storage/index.js";
import { conversionAftermath, WaitTimeoutError, type Aftermath } from "./aftermath.js";
import { stringFlag } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { conversionReport } from "./conversion-report.js";
import { conversionJson } from "./format.js";
import { createProgress } from "./progress.js";
import { guarded } from "./runner.js";
import { timeoutFlag } from "./session-wait.js";
import { storageConnectionString } from "./storage-connection.js";
import { describeStorageFailure } from "./storage-failure.js";
import { createUploadProgress, formatBytes } from "./upload-progress.js";

const note = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function describeStep(step: ConvertStep, plan: ModelPlan | undefined, timeoutSeconds: number | undefined): string | undefined {
  if (plan === undefined) return undefined;
  switch (step) {
    case "upload": {
      const settings = plan.settings === undefined ? "no settings file" : "settings file valid";
      return `preflight: ${plan.relativeInputAssetPath} and ${plan.files.length - 1} more file(s), ${settings}`;
    }
    case "sas":
      return `sas: read+list on the input container, write on the output container, valid ${Math.round(sasLifetimeMs(timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000) / 3_600_000)} h`;
    default:
      return undefined;
  }
}

/**
 * The signal given to convertModel: Ctrl-C's, and from the start of the wait until its end, `--timeout` too
 * (aborting with a WaitTimeoutError). The upload before the wait is not limited by it.
 */
function waitLimit(signal: AbortSignal, seconds: number | undefined): { signal: AbortSignal; start(): void; dispose(): void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const dispose = (): void => {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  };
  return {
    signal: controller.signal,
    start() {
      if (seconds !== undefined) timer = setTimeout(() => controller.abort(new WaitTimeoutError(seconds)), seconds * 1000);
    },
    dispose,
  };
}

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  // Set once the conversion exists: what goes on in the service when Ctrl-C or --timeout ends the wait.
  let aftermath: Aftermath | undefined;
  return guarded(out, command, async (signal) => {
    const timeout = timeoutFlag(parsed, command);
    const client = connect(resolveConnection(parsed, command));
    const connectionString = storageConnectionString(parsed, command);
    const wait = parsed.flags.has("wait");
    const limit = waitLimit(signal, timeout);
    const uploadProgress = createUploadProgress("storage");
    const waitProgress = createProgress("conversion");
    try {
      const outcome = await convertModel({
        client,
        connectionString,
        model: parsed.args["model"] ?? "",
        folder: stringFlag(parsed, "folder"),
        settings: stringFlag(parsed, "settings"),
        inputContainer: stringFlag(parsed, "input-container"),
        outputContainer: stringFlag(parsed, "output-container"),
        conversionId: stringFlag(parsed, "id"),
        wait,
        assetSasUrl: parsed.flags.has("sas-url"),
        ...(timeout === undefined ? {} : { waitTimeoutMs: timeout * 1000 }),
        signal: limit.signal,
        onStep: (step, plan, id) => {
          if (step === "upload") for (const warning of plan?.warnings ?? []) note(`warning: ${warning}`);
          const line = describeStep(step, plan, timeout);
          if (line !== undefined) note(line);
          if (step === "sas") uploadProgress.stop();
          if (step === "wait" && id !== undefined) {
            aftermath = conversionAftermath(id, parsed);
            limit.start();
          }
          if (step === "outputs") {
            aftermath = undefined;
            limit.dispose();
          }
        },
        onUploadProgress: (p) => uploadProgress.update(p),
        onConversionProgress: (c: Conversion) => waitProgress.update(c.status),
      });
      waitProgress.stop();
      const { upload, conversion, outputs, assetSasUrl } = outcome;
      note(`upload: ${upload.uploaded} uploaded, ${upload.skipped} unchanged (${formatBytes(upload.bytesUploaded)} sent)`);
      const json = {
        conversion: conversionJson(conversion),
        result: outputs?.result ?? null,
        info: outputs?.info ?? null,
        ...(assetSasUrl === undefined ? {} : { sasUrl: assetSasUrl }),
      };
      const human = (): string =>
        [conversionReport(conversion, outputs), ...(assetSasUrl === undefined ? [] : [`SAS URL:      ${assetSasUrl}`])].join("\n");
      // The SAS URL is the one secret printed, because it was asked for.
      out.result(json, human, assetSasUrl !== undefined);
      return conversion.status === "Failed" || conversion.status === "Cancelled" ? 1 : 0;
    } catch (error) {
      uploadProgress.stop();
      waitProgress.stop();
      const failure = describeStorageFailure(error, command);
      if (failure === undefined) throw error;
      out.error(failure.report);
      return failure.exitCode;
    } finally {
      limit.dispose();
    }
  }, { aftermath: () => aftermath });
}
