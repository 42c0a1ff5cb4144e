// `arr emulator`: runs the local emulator (service + STS) until SIGINT/SIGTERM, then closes it and exits 0.
// The first line is always `Emulator listening on <url>` (scripts wait for it); then the accounts and the
// environment to paste into another shell. A key is printed only when it is the documented development key.
import { readFile } from "node:fs/promises";
import { developmentCa, formatBanner, startEmulator, type CapacityLimit, type Emulator, type EmulatorOptions } from "../emulator/index.js";
import { listFlag, numberFlag, stringFlag, type ParsedCommand } from "./args.js";
import type { CommandContext } from "./context.js";
import { watchParent } from "./parent-watch.js";
import { usageReport } from "./usage-report.js";
import { UsageError } from "./usage-error.js";

const command = "emulator";
// Read when the command starts, long before the banner: a parent that is killed as soon as the banner is out
// (`… & kill $!`) must still be the one compared against, not the init process that adopted us meanwhile.
const startedBy = process.ppid;
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

/** `--capacity [<region>:]<size>=<n>`, repeatable; the size in any capitalisation. */
function capacityFrom(parsed: ParsedCommand): CapacityLimit[] {
  return listFlag(parsed, "capacity").map((value) => {
    const match = /^(?:([a-z0-9]+):)?(standard|premium)=(\d+)$/i.exec(value);
    if (!match) {
      throw new UsageError(`--capacity must have the form [<region>:]<size>=<n>, e.g. Standard=1 or westeurope:Premium=0 (got '${value}')`, {
        flag: "--capacity",
        rule: "pattern",
        command,
      });
    }
    const [, region, size = "", max = "0"] = match;
    return { size: size.toLowerCase() === "premium" ? "Premium" : "Standard", max: Number(max), ...(region ? { region } : {}) };
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
  if (parsed.flags.get("verbose") === true) options.verbose = true;
  if (parsed.flags.get("repair") === true) options.repair = true;
  const linked = listFlag(parsed, "linked-storage");
  for (const name of linked) {
    // A name, not a URL: `contoso` of https://contoso.blob.core.windows.net (devstoreaccount1 for Azurite).
    if (!/^[a-z0-9]{3,24}$/i.test(name)) {
      throw new UsageError("--linked-storage must be a storage account name of 3–24 letters and digits, such as contoso", {
        flag: "--linked-storage",
        rule: "pattern",
        command,
      });
    }
  }
  if (linked.length > 0) set("linkedStorage", linked);
  if (parsed.flags.has("conversion-retry-after")) set("conversionRetryAfter", true);
  const regions = stringFlag(parsed, "regions");
  if (regions !== undefined) set("regions", regions.split(",").map((r) => r.trim()));
  const capacity = capacityFrom(parsed);
  if (capacity.length > 0) set("capacity", capacity);
  if (parsed.flags.get("accept-any-entra-token") === true) options.acceptAnyEntraToken = true;
  const storage = listFlag(parsed, "storage-connection-string");
  if (storage.length > 0) set("storage", storage);
  return options;
}

/** `--https`, or `--cert`/`--key` (which imply it): the PEM files read, each missing file named by its flag. */
async function httpsFrom(parsed: ParsedCommand): Promise<EmulatorOptions["https"]> {
  const cert = stringFlag(parsed, "cert");
  const key = stringFlag(parsed, "key");
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? "--cert" : "--key";
    throw new UsageError(`--cert and --key go together: ${missing} is missing`, { flag: missing, rule: "required", command });
  }
  if (cert === undefined || key === undefined) return parsed.flags.get("https") === true ? true : undefined;
  const read = async (flag: string, path: string): Promise<string> => {
    try {
      return await readFile(path, "utf8");
    } catch (error) {
      // The path is the user's own; the file's content (a key) is never shown.
      throw new UsageError(`${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, { flag, rule: "file", command });
    }
  };
  return { cert: await read("--cert", cert), key: await read("--key", key) };
}

/** `arr emulator --print-ca --data-dir <dir>`: the development CA kept there (made if needed), PEM on stdout. */
async function printCa(parsed: ParsedCommand): Promise<void> {
  const dataDir = stringFlag(parsed, "data-dir");
  if (dataDir === undefined) {
    throw new UsageError(
      "--print-ca needs --data-dir <dir> (without one, each start makes a new CA: its file is named in the banner)",
      { flag: "--data-dir", rule: "required", command },
    );
  }
  process.stdout.write(await developmentCa(dataDir));
}

/** The flag an emulator RangeError is about (it names the option, e.g. `startupSeconds`), if it names one. */
function flagOf(message: string): string | undefined {
  if (/^--(key|cert)\b/.test(message)) return message.startsWith("--key") ? "--key" : "--cert";
  const option = /\b(accountId|accountKey|accounts|host|port|dataDir|tokenSeconds|startupSeconds|minuteSeconds|conversionSeconds|failRate|seed|throttle|linkedStorage|conversionRetryAfter|regions|capacity|https|acceptAnyEntraToken|storage)\b/.exec(message)?.[1];
  if (option === "storage") return "--storage-connection-string";
  return option && `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export async function run({ parsed, out }: CommandContext): Promise<number> {
  let options: EmulatorOptions;
  try {
    if (parsed.flags.get("print-ca") === true) {
      await printCa(parsed);
      return 0;
    }
    options = optionsFrom(parsed);
    const https = await httpsFrom(parsed);
    if (https !== undefined) options.https = https;
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
    // startEmulator names its options (`https.key`); a CLI user typed the flags.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\bhttps\.(key|cert)\b/g, "--$1");
    if (error instanceof RangeError) {
      const flag = flagOf(message);
      out.error(usageReport(new UsageError(message, { ...(flag ? { flag } : {}), rule: "range", command })));
      return 2;
    }
    out.error({ summary: `the emulator could not start: ${message}`, details: [], json: { code: "EmulatorStartFailed", message } });
    return 1;
  }

  // Listening for the signals before the banner: a script may send one as soon as it reads the first line.
  const parent = startedBy;
  let watch: ReturnType<typeof watchParent> | undefined;
  const reason = new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("Received SIGINT"));
    process.once("SIGTERM", () => resolve("Received SIGTERM"));
    if (parsed.flags.get("no-exit-with-parent") !== true) {
      watch = watchParent({
        initial: parent,
        current: () => process.ppid,
        onGone: () => resolve(`The process that started the emulator (PID ${parent}) has ended (--no-exit-with-parent keeps it running)`),
      });
    }
  });
  process.stdout.write(`${formatBanner(emulator).join("\n")}\n`);
  process.stdout.write("Press Ctrl-C to stop.\n");

  const why = await reason;
  watch?.stop();
  process.stdout.write(`${why}, closing the emulator…\n`);
  await emulator.close();
  process.stdout.write("Emulator closed.\n");
  return 0;
}
