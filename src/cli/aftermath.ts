// What goes on in the service when `arr` stops waiting — after Ctrl-C or `--timeout` — and the exact command
// that deals with it. A session keeps running (and billing) until its lease ends: saying so, with the stop
// command, is the difference between a surprise on the bill and none.
import { stringFlag, type ParsedCommand } from "./args.js";

/** Lines for the report, and the same facts for --json. */
export interface Aftermath {
  readonly lines: readonly string[];
  readonly json: Readonly<Record<string, string>>;
}

/** The reason a `--timeout` wait was aborted with. */
export class WaitTimeoutError extends Error {
  override readonly name = "WaitTimeoutError";
  constructor(readonly seconds: number) {
    super(`gave up waiting after ${seconds} s (--timeout)`);
  }
}

/** The non-secret connection flags given on the command line, so the printed command works in this shell. */
function connectionFlags(parsed: ParsedCommand): string {
  const parts: string[] = [];
  for (const name of ["endpoint", "account-id", "account-domain", "sts-endpoint"]) {
    const value = stringFlag(parsed, name);
    // A URL with user info (`https://user:pass@host`) would print a secret: the user adds it back.
    if (value !== undefined && value.includes("@")) parts.push(`--${name} <your ${name}>`);
    else if (value !== undefined) parts.push(`--${name} ${/^[\w:/.@-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`}`);
  }
  if (parsed.flags.get("allow-http") === true) parts.push("--allow-http");
  // A key or token given by flag is never printed; the user adds it back.
  if (parsed.flags.has("account-key")) parts.push("--account-key <your key>");
  if (parsed.flags.has("access-token")) parts.push("--access-token <your token>");
  return parts.length === 0 ? "" : ` ${parts.join(" ")}`;
}

export function sessionAftermath(id: string, parsed: ParsedCommand): Aftermath {
  const stopCommand = `arr sessions stop ${id}${connectionFlags(parsed)}`;
  return {
    lines: [`session '${id}' keeps running (and billing) until its lease ends or it is stopped`, `stop it with: ${stopCommand}`],
    json: { sessionId: id, stopCommand },
  };
}

export function conversionAftermath(id: string, parsed: ParsedCommand): Aftermath {
  const waitCommand = `arr conversions wait ${id}${connectionFlags(parsed)}`;
  return {
    lines: [`conversion '${id}' goes on in the service`, `follow it with: ${waitCommand}`],
    json: { conversionId: id, waitCommand },
  };
}

/**
 * A signal that aborts with a WaitTimeoutError after `seconds` (or with `signal`'s reason); `signal` itself
 * when no timeout is given.
 */
export function withTimeout(signal: AbortSignal, seconds: number | undefined): { signal: AbortSignal; dispose(): void } {
  if (seconds === undefined) return { signal, dispose: () => undefined };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new WaitTimeoutError(seconds)), seconds * 1000);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    },
  };
}

