// `arr sessions extend` and the lease keeper of `arr sessions keep-alive` / `sessions create --keep-alive`: the
// flags turned into `client.sessions.keepAlive` options, each extension printed, and on Ctrl-C a word on what is
// left behind (the session runs on until its lease ends) — or, with --stop-on-exit, the session stopped.
import { remainingLeaseMinutes, ValidationError, type KeepAliveOptions, type RemoteRenderingClient, type Session } from "../index.js";
import { numberFlag, type ParsedCommand } from "./args.js";
import { sessionDetails } from "./format.js";
import type { Output } from "./output.js";
import { UsageError } from "./usage-error.js";

/** The keeper's options from the flags (checked by the client, before anything is created or sent). */
export async function keeperOptions(client: RemoteRenderingClient, parsed: ParsedCommand, command: string): Promise<KeepAliveOptions> {
  const minuteSeconds = numberFlag(parsed, "minute-seconds", { exclusiveMinimum: 0 }, command);
  const options: KeepAliveOptions = {
    maxLeaseTimeMinutes: numberFlag(parsed, "max-lease", { integer: true }, command) ?? Number.NaN,
    extendByMinutes: numberFlag(parsed, "by", { integer: true }, command),
    whenRemainingMinutes: numberFlag(parsed, "when-remaining", { integer: true }, command),
    minuteMs: minuteSeconds === undefined ? undefined : minuteSeconds * 1000,
  };
  // A keeper whose signal has already aborted validates its options and sends nothing: bad flags are found
  // before a session is created that nobody would keep.
  try {
    await client.sessions.keepAlive("validate-only", { ...options, signal: AbortSignal.abort() });
  } catch (error) {
    if (error instanceof ValidationError && error.field === "maxLeaseTimeMinutes") {
      throw new UsageError(`--max-lease: ${error.message}`, { flag: "--max-lease", rule: error.rule, command });
    }
    throw error;
  }
  return options;
}

/** `arr sessions extend <id> --by <minutes>`: the lease becomes the current one plus `--by`. */
export async function extendSession(client: RemoteRenderingClient, id: string, parsed: ParsedCommand, command: string, signal: AbortSignal): Promise<Session> {
  const by = numberFlag(parsed, "by", { integer: true, minimum: 1 }, command) ?? 0;
  const current = await client.sessions.get(id, { signal });
  const target = (current.maxLeaseTimeMinutes ?? 0) + by;
  try {
    return await client.sessions.update(id, { maxLeaseTimeMinutes: target }, { signal });
  } catch (error) {
    if (error instanceof ValidationError && error.field === "maxLeaseTimeMinutes") {
      throw new UsageError(`--by ${by} would make the lease ${target} min: ${error.message}`, { flag: "--by", rule: error.rule, command });
    }
    throw error;
  }
}

const leaseLine = (s: Session): string =>
  `session ${s.id}: lease extended to ${s.maxLeaseTimeMinutes ?? 0} min (${remainingLeaseMinutes(s)} min left)`;

/**
 * Runs the keeper until the session ends (0) or Ctrl-C (130/143). Human mode prints each extension on stdout;
 * --json prints the outcome `{ reason, session, extensions }` once.
 */
export async function keepSessionAlive(
  client: RemoteRenderingClient,
  id: string,
  options: KeepAliveOptions,
  context: { out: Output; signal: AbortSignal; interruptCode: () => number | undefined; stopOnExit: boolean },
): Promise<number> {
  const { out, signal } = context;
  const say = (line: string): void => {
    if (!out.json) out.streams.stdout.write(`${line}\n`);
  };
  say(`Keeping session '${id}' alive: extending by ${options.extendByMinutes ?? 30} min when fewer than ${options.whenRemainingMinutes ?? 10} min remain, up to ${options.maxLeaseTimeMinutes} min. Ctrl-C to stop.`);
  const result = await client.sessions.keepAlive(id, { ...options, signal, onExtend: (s) => say(leaseLine(s)) });
  if (result.reason === "ended") {
    out.result(result, () => `session ${id} ended: ${result.session.status} after ${result.extensions} extension(s)\n${sessionDetails(result.session)}`);
    return 0;
  }
  const code = context.interruptCode() ?? 130;
  if (context.stopOnExit) {
    // The command's signal has aborted: the stop gets its own short deadline.
    await client.sessions.stop(id, { signal: AbortSignal.timeout(30_000) });
    out.result({ ...result, stopped: true }, () => `Interrupted: stopped session '${id}' (--stop-on-exit).`);
    return code;
  }
  const s = result.session;
  const left = s === undefined ? "until its lease ends" : `until its lease ends, in about ${remainingLeaseMinutes(s)} min (lease ${s.maxLeaseTimeMinutes ?? 0} min)`;
  out.result({ ...result, stopped: false }, () =>
    `Interrupted: no longer extending session '${id}'. It keeps running (and billing) ${left}.\nStop it now with: arr sessions stop ${id}`,
  );
  return code;
}
