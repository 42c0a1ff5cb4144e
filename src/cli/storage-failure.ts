// Failures of the storage side as CLI reports: bad input (StorageError) is a usage error naming the option or
// file and the rule (exit 2); a refused or failed storage request is exit 1 with its code and status only —
// never its URL, which may carry a SAS.
import { RestError } from "@azure/storage-blob";
import { StorageError } from "../storage/index.js";
import type { Failure } from "./failure.js";

export function describeStorageFailure(error: unknown, command: string): Failure | undefined {
  if (error instanceof StorageError) {
    return {
      exitCode: 2,
      report: {
        summary: `${error.code}: ${error.message}`,
        details: [`Run 'arr ${command} --help' for usage.`],
        json: { code: error.code, message: error.message, field: error.field, rule: error.rule, command },
      },
    };
  }
  if (error instanceof RestError) {
    const status = error.statusCode ?? 0;
    const code = error.code ?? "StorageRequestFailed";
    return {
      exitCode: 1,
      report: {
        summary: `storage: ${code} (${status === 0 ? "network" : `HTTP ${status}`})`,
        details: status === 403 ? ["The storage account refused the request: check the connection string's key."] : [],
        json: { code, status, message: `The storage request failed: ${code}.` },
      },
    };
  }
  return undefined;
}
