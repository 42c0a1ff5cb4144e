// The storage account of `arr convert` / `arr conversions logs`: --storage-connection-string, else
// ARR_STORAGE_CONNECTION_STRING. The value is never shown, not even when it is wrong.
import { stringFlag, type ParsedCommand } from "./args.js";
import { storageOptions } from "./options.js";
import { UsageError } from "./usage-error.js";

export function storageConnectionString(parsed: ParsedCommand, command: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const option = storageOptions["storage-connection-string"];
  const value = stringFlag(parsed, "storage-connection-string") ?? (env[option.env] || undefined);
  if (value === undefined) {
    throw new UsageError(`--storage-connection-string (or ${option.env}) is required`, { flag: "--storage-connection-string", rule: "required", command });
  }
  return value;
}
