// `arr conversions create|get|list|wait`: the flags of create are assembled into the API's conversion
// settings; SAS values go to the client and nowhere else.
import type {
  Conversion,
  ConversionInputSettings,
  ConversionOutputSettings,
  ConversionSettings,
  RemoteRenderingClient,
} from "../index.js";
import { stringFlag, type ParsedCommand } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { conversionDetails, conversionJson, conversionTable } from "./format.js";
import { createProgress } from "./progress.js";
import { guarded } from "./runner.js";

/** Polls until the conversion is done; rejects with ConversionFailedError on Failed/Cancelled. */
export async function waitForConversion(client: RemoteRenderingClient, id: string, signal: AbortSignal): Promise<Conversion> {
  const progress = createProgress(`conversion ${id}`);
  try {
    return await client.conversions.waitUntilDone(id, { signal, onProgress: (c: Conversion) => progress.update(c.status) });
  } finally {
    progress.stop();
  }
}

/** The API's conversion settings from the flags; an absent optional flag is left out, not set to undefined. */
function settingsFrom(parsed: ParsedCommand): ConversionSettings {
  const flag = (name: string): string | undefined => stringFlag(parsed, name);
  const inputLocation: ConversionInputSettings = {
    storageContainerUri: flag("input-container") ?? "",
    relativeInputAssetPath: flag("input-asset") ?? "",
  };
  const outputLocation: ConversionOutputSettings = { storageContainerUri: flag("output-container") ?? "" };
  const inputPrefix = flag("input-prefix");
  const inputSas = flag("input-sas");
  const outputPrefix = flag("output-prefix");
  const outputName = flag("output-name");
  const outputSas = flag("output-sas");
  if (inputPrefix !== undefined) inputLocation.blobPrefix = inputPrefix;
  if (inputSas !== undefined) inputLocation.storageContainerReadListSas = inputSas;
  if (outputPrefix !== undefined) outputLocation.blobPrefix = outputPrefix;
  if (outputName !== undefined) outputLocation.outputAssetFilename = outputName;
  if (outputSas !== undefined) outputLocation.storageContainerWriteSas = outputSas;
  return { inputLocation, outputLocation };
}

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  return guarded(out, command, async (signal) => {
    const client = connect(resolveConnection(parsed, command));
    const id = parsed.args["id"] ?? "";
    const show = (conversion: Conversion): number => {
      out.result(conversionJson(conversion), () => conversionDetails(conversion));
      return 0;
    };
    switch (spec.words[1]) {
      case "create": {
        const created = await client.conversions.create(id, settingsFrom(parsed), { signal });
        return show(parsed.flags.has("wait") ? await waitForConversion(client, id, signal) : created);
      }
      case "get":
        return show(await client.conversions.get(id, { signal }));
      case "wait":
        return show(await waitForConversion(client, id, signal));
      case "list": {
        const conversions: Conversion[] = [];
        for await (const conversion of client.conversions.list({ signal })) conversions.push(conversion);
        out.result(conversions.map(conversionJson), () => conversionTable(conversions));
        return 0;
      }
      default:
        throw new Error(`no handler for 'arr ${command}'`);
    }
  });
}
