// `arr conversions logs <id>`: the conversion, its result.json and info.json from its output container, and an
// explanation of what went wrong. Needs the storage account of the output container.
import { parseConnectionString, readConversionOutputs } from "../storage/index.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { conversionReport } from "./conversion-report.js";
import { conversionJson } from "./format.js";
import { guarded } from "./runner.js";
import { storageConnectionString } from "./storage-connection.js";
import { describeStorageFailure } from "./storage-failure.js";

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  return guarded(out, command, async (signal) => {
    const client = connect(resolveConnection(parsed, command));
    const connectionString = storageConnectionString(parsed, command);
    const conversion = await client.conversions.get(parsed.args["id"] ?? "", { signal });
    try {
      const outputs = await readConversionOutputs(parseConnectionString(connectionString), conversion);
      out.result({ conversion: conversionJson(conversion), result: outputs.result ?? null, info: outputs.info ?? null }, () =>
        conversionReport(conversion, outputs),
      );
      return 0;
    } catch (error) {
      const failure = describeStorageFailure(error, command);
      if (failure === undefined) throw error;
      out.error(failure.report);
      return failure.exitCode;
    }
  });
}
