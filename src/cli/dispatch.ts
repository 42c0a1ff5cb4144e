// The dispatcher behind the `arr` bin: finds the command, parses its flags, then imports only the module that
// runs it — `--help` loads no client, and only `arr emulator` / `arr demo` load the emulator.
import { parseCommand, splitCommand } from "./args.js";
import { commands, groups, valueFlags, type CommandSpec, type ModuleName } from "./commands.js";
import { commandHelp, groupHelp, mainHelp } from "./help.js";
import { Output } from "./output.js";
import { secretValues } from "./secrets.js";
import { didYouMean } from "./suggest.js";
import type { CommandContext } from "./context.js";
import { UsageError } from "./usage-error.js";
import { usageReport } from "./usage-report.js";
import { packageVersion } from "./version.js";

type Runner = (context: CommandContext) => Promise<number>;

// Literal import() calls so tsc checks them and bundlers see them; each runs only when its command does.
const loaders: Record<ModuleName, () => Promise<Runner>> = {
  sessions: async () => (await import("./sessions.js")).run,
  conversions: async () => (await import("./conversions.js")).run,
  emulator: async () => (await import("./emulator.js")).run,
  token: async () => (await import("./token.js")).run,
  demo: async () => (await import("./demo.js")).run,
  convert: async () => (await import("./convert.js")).run,
  logs: async () => (await import("./conversion-logs.js")).run,
};

const isGroup = (word: string): boolean => (groups as readonly string[]).includes(word);

/**
 * A mistyped command word is echoed only when it looks like one: a word in that place may also be a secret whose
 * flag was mistyped (`-account-key <key> sessions list`), and secrets are never echoed.
 */
const shown = (word: string): string => (/^[a-z][a-z-]{0,19}$/.test(word) ? `'${word}'` : "that word");

export async function main(argv: readonly string[]): Promise<number> {
  const { words, rest } = splitCommand(argv, valueFlags, isGroup);
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  const json = rest.includes("--json");
  const out = new Output(json);
  try {
    if (words.length === 0) {
      if (rest.includes("--version")) {
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      }
      if (wantsHelp) {
        process.stdout.write(mainHelp(packageVersion()));
        return 0;
      }
      if (rest.length > 0) throw new UsageError(`${rest[0]?.split("=")[0] ?? ""} needs a command first`, { rule: "unknown" });
      process.stderr.write(mainHelp(packageVersion()));
      return 2;
    }
    const spec = findCommand(words, wantsHelp);
    if (typeof spec === "string") {
      process.stdout.write(spec);
      return 0;
    }
    const parsed = parseCommand(rest, spec);
    if (parsed.help) {
      process.stdout.write(commandHelp(spec));
      return 0;
    }
    const run = await loaders[spec.module]();
    return await run({ spec, parsed, out: new Output(parsed.json, process, secretValues(parsed, spec)) });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.error(usageReport(error));
    return 2;
  }
}

/** The command the words name, or the help text to print for a bare group with --help. */
function findCommand(words: readonly string[], wantsHelp: boolean): CommandSpec | string {
  const [first, second] = words;
  const spec = commands.find((c) => c.words.length === words.length && c.words.every((w, i) => w === words[i]));
  if (spec) return spec;
  if (first !== undefined && isGroup(first)) {
    if (second === undefined && wantsHelp) return groupHelp(first);
    const known = commands.filter((c) => c.words[0] === first).map((c) => c.words[1]);
    throw new UsageError(
      second === undefined
        ? `'arr ${first}' needs a command: ${known.join(", ")}`
        : `${shown(second)} is not a command of 'arr ${first}'${didYouMean(second, known.filter((k): k is string => k !== undefined))}; use one of: ${known.join(", ")}`,
      { rule: "enum", command: first },
    );
  }
  if (first === "help") return mainHelp(packageVersion());
  const known = [...new Set(commands.map((c) => c.words[0]).filter((w): w is string => w !== undefined))];
  const suggestion = didYouMean(first ?? "", [...known, "help"]);
  throw new UsageError(`${shown(first ?? "")} is not an arr command${suggestion}; use one of: ${known.join(", ")}`, { rule: "enum" });
}
