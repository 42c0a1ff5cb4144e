// What main.ts hands a command module: its spec, what was parsed, and where to write.
import type { ParsedCommand } from "./args.js";
import type { CommandSpec } from "./commands.js";
import type { Output } from "./output.js";

export interface CommandContext {
  readonly spec: CommandSpec;
  readonly parsed: ParsedCommand;
  readonly out: Output;
}
