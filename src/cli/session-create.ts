// `arr sessions create`: one create (and with --wait, a wait until Ready), or with several sizes or
// --region-endpoints the library's fallback; with --keep-alive, then the lease keeper. Bad keeper flags are found
// before anything is created, and a Ctrl-C while starting says what is left behind (or stops it, --stop-on-exit).
import type { KeepAliveOptions, RemoteRenderingClient, Session } from "../index.js";
import { sessionAftermath, withTimeout, type Aftermath } from "./aftermath.js";
import { numberFlag, stringFlag, type ParsedCommand } from "./args.js";
import { connect } from "./client.js";
import type { Connection } from "./connection.js";
import { sessionDetails } from "./format.js";
import type { Output } from "./output.js";
import { createWithFallback } from "./session-fallback.js";
import { keeperOptions } from "./session-lease.js";
import { timeoutFlag, waitForSession } from "./session-wait.js";
import { UsageError } from "./usage-error.js";

// The command line takes any capitalisation; the client then checks the spec's enum.
const sizes = ["Standard", "Premium"] as const;
type Size = (typeof sizes)[number];

function sizeFlag(value: string, command: string): Size {
  const size = sizes.find((s) => s.toLowerCase() === value.toLowerCase());
  if (size === undefined) {
    throw new UsageError(`--size must be one of ${sizes.join(", ")}, got '${value}'`, { flag: "--size", rule: "enum", command });
  }
  return size;
}

/** `--size Standard` or, for fallback, `--size Standard,Premium` (tried in that order). */
function sizesFlag(value: string, command: string): Size[] {
  const list = value.split(",").map((v) => sizeFlag(v.trim(), command));
  if (new Set(list).size !== list.length) throw new UsageError("--size names a size twice", { flag: "--size", rule: "uniqueItems", command });
  return list;
}

export interface CreateContext {
  readonly parsed: ParsedCommand;
  readonly out: Output;
  readonly command: string;
  readonly signal: AbortSignal;
  readonly connection: Connection;
  /** The --region-endpoint list, if given. */
  readonly endpoints: readonly string[] | undefined;
  /** Runs the lease keeper on the Ready session. */
  readonly keep: (client: RemoteRenderingClient, sessionId: string, options: KeepAliveOptions) => Promise<number>;
  /** --verbose: the request log on stderr. */
  readonly verbose?: boolean;
  /** Told what keeps running once a session exists (for the report of Ctrl-C or --timeout). */
  readonly setAftermath?: (aftermath: Aftermath | undefined) => void;
}

export async function createSession(context: CreateContext): Promise<number> {
  const { parsed, out, command, signal, connection, endpoints, keep } = context;
  const setAftermath = context.setAftermath ?? ((): void => undefined);
  let client = connect(connection, { verbose: context.verbose === true });
  const id = parsed.args["id"] ?? "";
  const show = (session: Session): number => {
    out.result(session, () => sessionDetails(session));
    return 0;
  };
    const sizeList = sizesFlag(stringFlag(parsed, "size") ?? "", command);
    const maxLeaseTimeMinutes = numberFlag(parsed, "lease", { integer: true }, command) ?? 0;
    const timeout = timeoutFlag(parsed, command);
    const wait = parsed.flags.has("wait");
    const keepAlive = parsed.flags.has("keep-alive");
    if (keepAlive && !wait) throw new UsageError("--keep-alive needs --wait", { flag: "--keep-alive", rule: "dependentRequired", command });
    if (keepAlive && !parsed.flags.has("max-lease")) {
      throw new UsageError("--keep-alive needs --max-lease <minutes>: the largest lease the keeper may set", { flag: "--max-lease", rule: "required", command });
    }
    const fallback = sizeList.length > 1 || (endpoints !== undefined && endpoints.length > 1);
    if (fallback && !wait) {
      throw new UsageError("several sizes or region endpoints are tried one after another: add --wait", { flag: "--wait", rule: "required", command });
    }
    const keeper = keepAlive ? await keeperOptions(client, parsed, command) : undefined;
    if (maxLeaseTimeMinutes === 0) process.stderr.write("arr: warning: --lease 0 means the session expires as soon as it is Ready\n");
    let sessionId = id;
    let ready: Session;
    let created = false;
    try {
      if (fallback) {
        const limited = withTimeout(signal, timeout);
        const landed = await createWithFallback(connection, endpoints ?? [connection.endpoint], sizeList, id, maxLeaseTimeMinutes, limited.signal).finally(() =>
          limited.dispose(),
        );
        ({ client } = landed);
        sessionId = landed.id;
        process.stderr.write(`session ${landed.id}: Ready at ${client.endpoint} (${landed.size}) after ${landed.attempts.length} attempt(s)\n`);
        ready = landed.session;
      } else {
        const session = await client.sessions.create(id, { size: sizeList[0] ?? "Standard", maxLeaseTimeMinutes }, { signal });
        created = true;
        if (!wait) return show(session);
        setAftermath(sessionAftermath(id, parsed));
        ready = await waitForSession(client, id, signal, timeout);
        setAftermath(undefined);
      }
    } catch (error) {
      // Ctrl-C while starting (the fallback stops its own sessions): stop it with --stop-on-exit, else say what
      // is left behind.
      if (signal.aborted && created && parsed.flags.has("stop-on-exit")) {
        await client.sessions.stop(sessionId, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
        process.stderr.write(`Stopped session '${sessionId}' (--stop-on-exit).\n`);
        setAftermath(undefined);
      } else if (signal.aborted && created && keepAlive) {
        setAftermath(undefined);
        process.stderr.write(`Session '${sessionId}' keeps running (and billing) until its lease of ${maxLeaseTimeMinutes} min ends. Stop it with: arr sessions stop ${sessionId}\n`);
      }
      throw error;
    }
    if (keeper === undefined) return show(ready);
    if (!out.json) out.streams.stdout.write(`${sessionDetails(ready)}\n`);
    return keep(client, sessionId, keeper);
}
