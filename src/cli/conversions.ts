// `arr conversions create|get|list|wait`: the flags of create are assembled into the API's conversion
// settings; SAS values go to the client and nowhere else.
import type {
  Conversion,
  ConversionInputSettings,
  ConversionOutputSettings,
  ConversionSettings,
  RemoteRenderingClient,
} from "../index.js";
import { conversionAftermath, withTimeout, type Aftermath } from "./aftermath.js";
import { stringFlag, type ParsedCommand } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { conversionDetails, conversionJson, conversionTable } from "./format.js";
import { createProgress } from "./progress.js";
import { guarded } from "./runner.js";
import { containerAndSas, splitNote } from "./sas-url.js";
import { timeoutFlag } from "./session-wait.js";

/**
 * Polls until the conversion is done; rejects with ConversionFailedError on Failed/Cancelled, and with a
 * WaitTimeoutError after `timeoutSeconds`.
 */
export async function waitForConversion(
  client: RemoteRenderingClient,
  id: string,
  signal: AbortSignal,
  timeoutSeconds?: number,
): Promise<Conversion> {
  const progress = createProgress(`conversion ${id}`);
  const limited = withTimeout(signal, timeoutSeconds);
  try {
    return await client.conversions.waitUntilDone(id, { signal: limited.signal, onProgress: (c: Conversion) => progress.update(c.status) });
  } finally {
    limited.dispose();
    progress.stop();
  }
}

/**
 * The API's conversion settings from the flags; an absent optional flag is left out, not set to undefined. A
 * container URL with a SAS in its query is split into the URL and the SAS (with a note on stderr).
 */
function settingsFrom(parsed: ParsedCommand, command: string): ConversionSettings {
  const flag = (name: string): string | undefined => stringFlag(parsed, name);
  const input = containerAndSas(parsed, "input", command);
  const output = containerAndSas(parsed, "output", command);
  if (input.split) process.stderr.write(splitNote("input"));
  if (output.split) process.stderr.write(splitNote("output"));
  const inputLocation: ConversionInputSettings = {
    storageContainerUri: input.container ?? "",
    relativeInputAssetPath: flag("input-asset") ?? "",
  };
  const outputLocation: ConversionOutputSettings = { storageContainerUri: output.container ?? "" };
  const inputPrefix = flag("input-prefix");
  const inputSas = input.sas;
  const outputPrefix = flag("output-prefix");
  const outputName = flag("output-name");
  const outputSas = output.sas;
  if (inputPrefix !== undefined) inputLocation.blobPrefix = inputPrefix;
  if (inputSas !== undefined) inputLocation.storageContainerReadListSas = inputSas;
  if (outputPrefix !== undefined) outputLocation.blobPrefix = outputPrefix;
  if (outputName !== undefined) outputLocation.outputAssetFilename = outputName;
  if (outputSas !== undefined) outputLocation.storageContainerWriteSas = outputSas;
  return { inputLocation, outputLocation };
}

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  const id = parsed.args["id"] ?? "";
  // Set once a conversion exists that Ctrl-C or --timeout would stop following.
  let aftermath: Aftermath | undefined;
  return guarded(out, command, async (signal) => {
    const client = connect(resolveConnection(parsed, command), { verbose: parsed.flags.get("verbose") === true });
    const show = (conversion: Conversion): number => {
      out.result(conversionJson(conversion), () => conversionDetails(conversion));
      return 0;
    };
    switch (spec.words[1]) {
      case "create": {
        const settings = settingsFrom(parsed, command);
        const timeout = timeoutFlag(parsed, command);
        aftermath = conversionAftermath(id, parsed);
        const created = await client.conversions.create(id, settings, { signal });
        return show(parsed.flags.has("wait") ? await waitForConversion(client, id, signal, timeout) : created);
      }
      case "get":
        return show(await client.conversions.get(id, { signal }));
      case "wait": {
        const timeout = timeoutFlag(parsed, command);
        aftermath = conversionAftermath(id, parsed);
        return show(await waitForConversion(client, id, signal, timeout));
      }
      case "list": {
        const conversions: Conversion[] = [];
        for await (const conversion of client.conversions.list({ signal })) conversions.push(conversion);
        out.result(conversions.map(conversionJson), () => conversionTable(conversions));
        return 0;
      }
      default:
        throw new Error(`no handler for 'arr ${command}'`);
    }
  }, { aftermath: () => aftermath });
}
