// Help text, rendered from the command and option tables so it cannot drift from what the parser accepts.
import { commands, type CommandSpec } from "./commands.js";
import { connectionOptions, type OptionSpec } from "./options.js";

const exitCodes =
  "Exit codes: 0 ok; 1 service or network error, or a wait that ended in Error/Expired/Stopped or a failed\n" +
  "conversion; 2 usage or validation error; 130 interrupted (Ctrl-C).";

const emulatorExitCodes =
  "Runs until Ctrl-C (SIGINT) or SIGTERM, then closes and exits 0. Exit codes: 1 could not start; 2 usage error.";

function usage(spec: CommandSpec): string {
  const parts = ["arr", ...spec.words, ...spec.args.map((a) => `<${a}>`)];
  for (const name of spec.required ?? []) parts.push(`--${name} ${spec.options[name]?.value ?? ""}`.trimEnd());
  const optional = Object.keys(spec.options).filter(
    // --verbose, like --json and --help, is on every command that talks to the service: listed below, not here.
    (name) => !(spec.required ?? []).includes(name) && !(name in connectionOptions) && name !== "help" && name !== "json" && name !== "verbose",
  );
  if (optional.length > 0 && optional.length <= 4) {
    for (const name of optional) parts.push(`[--${name}${spec.options[name]?.type === "string" ? ` ${spec.options[name]?.value ?? ""}` : ""}]`);
  } else if (optional.length > 4) {
    parts.push("[options]");
  }
  return parts.join(" ");
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`;
    const env = o.env ? ` (env ${o.env}${o.type === "boolean" ? "=1" : ""})` : "";
    return [flag, `${o.description}${env}${o.multiple ? " [repeatable]" : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

const secretsNote = "Prefer the environment for keys and tokens: a command line is visible to other processes.";

/** The short form for the overview: words and arguments only. */
const shortUsage = (c: CommandSpec): string => ["arr", ...c.words, ...c.args.map((a) => `<${a}>`)].join(" ");

/** `arr --help`. */
export function mainHelp(version: string): string {
  const width = Math.max(...commands.map((c) => shortUsage(c).length));
  const lines = [
    `arr ${version} — command line for Azure Remote Rendering (REST API 2021-01-01) and its local emulator`,
    "",
    "Usage: arr <command> [options]",
    "",
    ...commands.map((c) => `  ${shortUsage(c).padEnd(width)}  ${c.summary}`),
    "",
    "Connection (flags win over the environment):",
    ...optionLines(connectionOptions),
    secretsNote,
    "",
    "Every command takes --json (results as JSON on stdout, errors as {\"error\": …} on stderr) and --help.",
    "Commands that call the service take --verbose: one line per request on stderr (method, path, status, MS-CV).",
    "",
    "Options:",
    "  --version  Print the version of arr",
    "  --help     Show this help",
    "",
    exitCodes,
    "",
    "Try it locally: run 'arr emulator' in one terminal and paste the environment it prints into another.",
  ];
  return `${lines.join("\n")}\n`;
}

/** `arr sessions --help`: the commands of one group. */
export function groupHelp(group: string): string {
  const members = commands.filter((c) => c.words[0] === group);
  const lines = [
    `Usage: arr ${group} <command> [options]`,
    "",
    ...members.flatMap((c) => [`  ${usage(c)}`, `      ${c.summary}`]),
    "",
    "Connection (flags win over the environment):",
    ...optionLines(connectionOptions),
    secretsNote,
    "",
    `Run 'arr ${group} <command> --help' for a command's options.`,
    exitCodes,
  ];
  return `${lines.join("\n")}\n`;
}

/** `arr sessions create --help`. */
export function commandHelp(spec: CommandSpec): string {
  const codes = spec.module === "emulator" ? emulatorExitCodes : exitCodes;
  const lines = [`Usage: ${usage(spec)}`, "", spec.summary, "", "Options:", ...optionLines(spec.options), "", codes];
  return `${lines.join("\n")}\n`;
}
