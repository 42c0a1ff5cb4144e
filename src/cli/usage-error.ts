// A mistake in how `arr` was called: exit code 2. It names the flag (or argument) and the rule that failed,
// using JSON Schema keywords (`required`, `type`, `enum`, `minimum`, …) like the client's ValidationError, so a
// script can react to either the same way. The message never contains the value of a secret flag.

export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The flag (`--lease`) or argument (`<id>`) at fault; absent for whole-command mistakes. */
  readonly flag: string | undefined;
  /** The rule that failed, e.g. `required`, `type`, `enum`, `minimum`, `unknown`. */
  readonly rule: string;
  /** The command whose `--help` explains the right usage, e.g. `sessions create`. */
  readonly command: string | undefined;

  constructor(message: string, options: { flag?: string; rule: string; command?: string | undefined }) {
    super(message);
    this.flag = options.flag;
    this.rule = options.rule;
    this.command = options.command;
  }
}
