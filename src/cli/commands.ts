// The command table: which words make a command, its arguments, its flags, which module runs it and the help
// line. `main.ts` dispatches from it and `help.ts` renders it; the command modules are imported lazily, so this
// file must stay plain data.
import {
  commonOptions,
  connectionOptions,
  conversionOptions,
  convertOptions,
  diagnosticOptions,
  emulatorOptions,
  fallbackOptions,
  leaseOptions,
  sessionOptions,
  storageOptions,
} from "./options.js";
import type { OptionSpec } from "./options.js";

export type ModuleName = "sessions" | "conversions" | "emulator" | "token" | "demo" | "convert" | "logs";

export interface CommandSpec {
  /** The words that select it, e.g. `["sessions", "create"]`. */
  readonly words: readonly string[];
  /** Positional arguments, all required, e.g. `["id"]`. */
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Flags that must be given (the rest are optional). */
  readonly required?: readonly string[];
  readonly module: ModuleName;
  readonly summary: string;
}

const { json, help } = commonOptions;
const common = { json, help };
const { verbose, timeout } = diagnosticOptions;
const connected = { ...common, ...connectionOptions, verbose };
const { size, lease, wait } = sessionOptions;
const { by, "max-lease": maxLease, "when-remaining": whenRemaining, "keep-alive": keepAlive, "stop-on-exit": stopOnExit, "minute-seconds": minuteSeconds } = leaseOptions;
const keeper = { "max-lease": maxLease, by, "when-remaining": whenRemaining, "stop-on-exit": stopOnExit, "minute-seconds": minuteSeconds };

export const commands: readonly CommandSpec[] = [
  {
    words: ["sessions", "create"],
    args: ["id"],
    options: { size, lease, wait, timeout, "keep-alive": keepAlive, ...keeper, ...fallbackOptions, ...connected },
    required: ["size", "lease"],
    module: "sessions",
    summary: "Start a rendering session",
  },
  { words: ["sessions", "get"], args: ["id"], options: connected, module: "sessions", summary: "Show a session" },
  { words: ["sessions", "list"], args: [], options: connected, module: "sessions", summary: "List the Starting and Ready sessions" },
  {
    words: ["sessions", "update"],
    args: ["id"],
    options: { lease, ...connected },
    required: ["lease"],
    module: "sessions",
    summary: "Extend a session's lease",
  },
  {
    words: ["sessions", "extend"],
    args: ["id"],
    options: { by, ...connected },
    required: ["by"],
    module: "sessions",
    summary: "Add minutes to a session's lease",
  },
  {
    words: ["sessions", "keep-alive"],
    args: ["id"],
    options: { ...keeper, ...connected },
    required: ["max-lease"],
    module: "sessions",
    summary: "Keep extending a session's lease up to --max-lease until it ends (Ctrl-C to leave it)",
  },
  { words: ["sessions", "stop"], args: ["id"], options: connected, module: "sessions", summary: "Stop a session" },
  {
    words: ["sessions", "wait"],
    args: ["id"],
    options: { timeout, ...connected },
    module: "sessions",
    summary: "Wait until a session is Ready",
  },
  {
    words: ["conversions", "create"],
    args: ["id"],
    options: { ...conversionOptions, wait, timeout, ...connected },
    required: ["input-container", "input-asset", "output-container"],
    module: "conversions",
    summary: "Start converting a model to an .arrAsset",
  },
  { words: ["conversions", "get"], args: ["id"], options: connected, module: "conversions", summary: "Show a conversion" },
  { words: ["conversions", "list"], args: [], options: connected, module: "conversions", summary: "List the conversions" },
  {
    words: ["conversions", "wait"],
    args: ["id"],
    options: { timeout, ...connected },
    module: "conversions",
    summary: "Wait until a conversion has succeeded or failed",
  },
  {
    words: ["conversions", "logs"],
    args: ["id"],
    options: { ...storageOptions, ...connected },
    module: "logs",
    summary: "Fetch and explain a conversion's result.json and info.json",
  },
  {
    words: ["convert"],
    args: ["model"],
    options: { ...convertOptions, timeout, ...storageOptions, ...connected },
    module: "convert",
    summary: "Upload a local model, convert it and report (preflight, upload, SAS, create, wait)",
  },
  {
    words: ["emulator"],
    args: [],
    options: { ...emulatorOptions, help },
    module: "emulator",
    summary: "Run the local emulator of the service and its token service",
  },
  { words: ["token"], args: [], options: connected, module: "token", summary: "Print an STS access token (a secret!)" },
  {
    words: ["demo"],
    args: [],
    options: { help },
    module: "demo",
    summary: "Run a whole lifecycle against an in-process emulator (what `npm start` does)",
  },
];

export const groups = ["sessions", "conversions"] as const;

/** Every flag that takes a value, under any command: lets `main.ts` find the command words among the flags. */
export const valueFlags: ReadonlySet<string> = new Set(
  commands.flatMap((c) => Object.entries(c.options).filter(([, o]) => o.type === "string").map(([name]) => name)),
);
