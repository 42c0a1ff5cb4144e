// `arr emulator`: runs the local emulator (service + STS) until SIGINT/SIGTERM, then closes it and exits 0.
// The first line is always `Emulator listening on <url>` (scripts wait for it); then the accounts and the
// environment to paste into another shell. A key is printed only when it is the documented development key.
import { formatBanner, startEmulator, type Emulator, type EmulatorOptions } from "../emulator/index.js";
import { listFlag, numberFlag, stringFlag, type ParsedCommand } from "./args.js";
import type { CommandContext } from "./context.js";
import { usageReport } from "./usage-report.js";
import { UsageError } from "./usage-error.js";

const command = "emulator";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountsFrom(parsed: ParsedCommand): { accountId: string; accountKey: string }[] {
  return listFlag(parsed, "account").map((value) => {
    const colon = value.indexOf(":");
    // The value holds a key: the message describes the form, never the value.
    if (colon <= 0 || colon === value.length - 1) {
      throw new UsageError("--account must have the form <id>:<key>", { flag: "--account", rule: "pattern", command });
    }
    if (!UUID.test(value.slice(0, colon))) {
      throw new UsageError("--account must have the form <id>:<key> where <id> is a UUID", { flag: "--account", rule: "format", command });
    }
    return { accountId: value.slice(0, colon), accountKey: value.slice(colon + 1) };
  });
}

/** The flags as startEmulator options; only the flags given become properties. */
function optionsFrom(parsed: ParsedCommand): EmulatorOptions {
  const options: EmulatorOptions = {};
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  const seconds = (name: string, allowZero: boolean): number | undefined =>
    numberFlag(parsed, name, allowZero ? { minimum: 0 } : { exclusiveMinimum: 0 }, command);
  set("accountId", stringFlag(parsed, "account-id"));
  set("accountKey", stringFlag(parsed, "account-key"));
  const accounts = accountsFrom(parsed);
  if (accounts.length > 0) set("accounts", accounts);
  set("host", stringFlag(parsed, "host"));
  set("port", numberFlag(parsed, "port", { integer: true, minimum: 0, maximum: 65535 }, command));
  set("dataDir", stringFlag(parsed, "data-dir"));
  set("tokenSeconds", seconds("token-seconds", false));
  set("startupSeconds", seconds("startup-seconds", true));
  set("minuteSeconds", seconds("minute-seconds", false));
  set("conversionSeconds", seconds("conversion-seconds", true));
  set("failRate", numberFlag(parsed, "fail-rate", { minimum: 0, maximum: 1 }, command));
  set("seed", numberFlag(parsed, "seed", { integer: true }, command));
  set("throttle", numberFlag(parsed, "throttle", { integer: true, minimum: 1 }, command));
  const linked = listFlag(parsed, "linked-storage");
  if (linked.length > 0) set("linkedStorage", linked);
  if (parsed.flags.has("conversion-retry-after")) set("conversionRetryAfter", true);
  const storage = listFlag(parsed, "storage-connection-string");
  if (storage.length > 0) set("storage", storage);
  return options;
}

/** The flag an emulator RangeError is about (it names the option, e.g. `startupSeconds`), if it names one. */
function flagOf(message: string): string | undefined {
  const option = /\b(accountId|accountKey|accounts|host|port|dataDir|tokenSeconds|startupSeconds|minuteSeconds|conversionSeconds|failRate|seed|throttle|linkedStorage|conversionRetryAfter|storage)\b/.exec(message)?.[1];
  if (option === "storage") return "--storage-connection-string";
  return option && `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export async function run({ parsed, out }: CommandContext): Promise<number> {
  let options: EmulatorOptions;
  try {
    options = optionsFrom(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.error(usageReport(error));
    return 2;
  }
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ ...options, log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) {
      const flag = flagOf(message);
      out.error(usageReport(new UsageError(message, { ...(flag ? { flag } : {}), rule: "range", command })));
      return 2;
    }
    out.error({ summary: `the emulator could not start: ${message}`, details: [], json: { code: "EmulatorStartFailed", message } });
    return 1;
  }

  process.stdout.write(`${formatBanner(emulator).join("\n")}\n`);
  process.stdout.write("Press Ctrl-C to stop.\n");

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  process.stdout.write(`Received ${signal}, closing the emulator…\n`);
  await emulator.close();
  process.stdout.write("Emulator closed.\n");
  return 0;
}
