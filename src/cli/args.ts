// Turns argv into a command's values with `node:util`'s parseArgs, then applies our own rules so every mistake
// becomes a UsageError naming the flag and rule — and never echoes what was typed for a secret flag.
import { parseArgs } from "node:util";
import type { CommandSpec } from "./commands.js";
import type { OptionSpec } from "./options.js";
import { didYouMean } from "./suggest.js";
import { UsageError } from "./usage-error.js";

export type FlagValue = string | boolean | string[];

export interface ParsedCommand {
  /** Positional arguments by name, e.g. `{ id: "my-session" }`. */
  readonly args: Readonly<Record<string, string>>;
  /** Flags as given on the command line (environment not yet applied). */
  readonly flags: ReadonlyMap<string, FlagValue>;
  readonly help: boolean;
  readonly json: boolean;
}

/**
 * Splits argv into the command words (`sessions create`) and the rest, skipping flags and their values wherever
 * they stand, so `arr --json sessions list` works like `arr sessions list --json`.
 */
export function splitCommand(
  argv: readonly string[],
  valueFlags: ReadonlySet<string>,
  isGroup: (word: string) => boolean,
): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let wanted = 1;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (token.startsWith("-") && token !== "-") {
      rest.push(token);
      if (token.startsWith("--") && !token.includes("=") && valueFlags.has(token.slice(2)) && i + 1 < argv.length) {
        rest.push(argv[++i] as string);
      }
      continue;
    }
    if (words.length < wanted) {
      words.push(token);
      if (words.length === 1 && isGroup(token)) wanted = 2;
    } else {
      rest.push(token);
    }
  }
  return { words, rest };
}

/** Parses the flags and arguments after the command words against the command's spec. */
export function parseCommand(argv: readonly string[], spec: CommandSpec): ParsedCommand {
  const command = spec.words.join(" ");
  const fail = (message: string, flag: string | undefined, rule: string): never => {
    throw new UsageError(message, flag === undefined ? { rule, command } : { flag, rule, command });
  };
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  }
  // Not strict: unknown flags and missing values come back as tokens, so the messages are ours.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });

  const flags = new Map<string, FlagValue>();
  const positionals: string[] = [];
  let help = false;
  const problems: UsageError[] = [];
  const collect = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof UsageError) problems.push(e);
      else throw e;
    }
  };

  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const name = token.name;
    const option: OptionSpec | undefined = spec.options[name];
    // A short flag that is not ours comes as its bare letter; show it as typed (never with its value).
    const shown = token.rawName;
    if (name === "help" && option) {
      help = true;
      continue;
    }
    collect(() => {
      if (!option) {
        const hint = shown.startsWith("--") ? didYouMean(shown.slice(2), Object.keys(spec.options), (w) => `--${w}`) : "";
        fail(`${shown} is not an option of 'arr ${command}'${hint}`, shown, "unknown");
      }
      else if (option.type === "boolean") {
        if (token.value !== undefined) fail(`--${name} takes no value`, `--${name}`, "type");
        flags.set(name, true);
      } else {
        const value = token.value;
        // `--lease --wait` would take "--wait" as the lease; negative numbers (`--lease -5`) are still values.
        if (value === undefined || (!token.inlineValue && value.startsWith("-") && !/^-\d/.test(value))) {
          const hint = value === undefined ? "" : ` (for a value starting with '-', write --${name}=<value>)`;
          fail(`--${name} needs a value${option.value ? ` ${option.value}` : ""}${hint}`, `--${name}`, "required");
        } else if (option.multiple) {
          const list = flags.get(name);
          flags.set(name, Array.isArray(list) ? [...list, value] : [value]);
        } else {
          if (flags.has(name)) fail(`--${name} is given more than once`, `--${name}`, "maxItems");
          flags.set(name, value);
        }
      }
    });
  }

  const json = flags.get("json") === true;
  if (help) return { args: {}, flags, help, json };
  const first = problems[0];
  if (first) throw first;

  if (positionals.length > spec.args.length) {
    // The extra words are not shown: they might be a secret that lost its flag (`--account-key` typed as `-account-key`).
    fail(
      `'arr ${command}' takes ${spec.args.length === 0 ? "no arguments" : spec.args.map((a) => `<${a}>`).join(" ")}, got ${positionals.length} argument(s)`,
      undefined,
      "maxItems",
    );
  }
  const args: Record<string, string> = {};
  spec.args.forEach((name, i) => {
    const value = positionals[i];
    if (value === undefined) fail(`missing <${name}>: usage 'arr ${command} <${name}>'`, `<${name}>`, "required");
    else args[name] = value;
  });
  for (const name of spec.required ?? []) {
    if (!flags.has(name)) fail(`--${name} is required`, `--${name}`, "required");
  }
  return { args, flags, help, json };
}

/** A flag's string value, if given. */
export function stringFlag(parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === "string" ? value : undefined;
}

/** A flag's repeated values (empty when not given). */
export function listFlag(parsed: ParsedCommand, name: string): string[] {
  const value = parsed.flags.get(name);
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

export interface NumberRule {
  readonly integer?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Exclusive lower bound (a duration of 0 makes no sense). */
  readonly exclusiveMinimum?: number;
}

/**
 * A numeric flag, checked as far as the command line can check it; the rest (e.g. a lease's range) is left to the
 * client's ValidationError, which knows the spec's limits.
 */
export function numberFlag(parsed: ParsedCommand, name: string, rule: NumberRule, command?: string): number | undefined {
  const text = stringFlag(parsed, name);
  if (text === undefined) return undefined;
  const flag = `--${name}`;
  const number = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
  const kind = rule.integer ? "an integer" : "a number";
  const fail = (message: string, keyword: string): never => {
    throw new UsageError(message, { flag, rule: keyword, command });
  };
  if (!Number.isFinite(number) || (rule.integer && !Number.isInteger(number))) fail(`${flag} must be ${kind}, got '${text}'`, "type");
  if (rule.minimum !== undefined && number < rule.minimum) fail(`${flag} must be at least ${rule.minimum}, got ${text}`, "minimum");
  if (rule.exclusiveMinimum !== undefined && number <= rule.exclusiveMinimum) {
    fail(`${flag} must be greater than ${rule.exclusiveMinimum}, got ${text}`, "exclusiveMinimum");
  }
  if (rule.maximum !== undefined && number > rule.maximum) fail(`${flag} must be at most ${rule.maximum}, got ${text}`, "maximum");
  return number;
}
