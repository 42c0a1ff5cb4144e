// `arr sessions create|get|list|update|stop|wait`: one client call each (create --wait and wait also poll until
// Ready, with progress), the result printed as a key/value block, a table, or JSON.
import type { KeepAliveOptions, RemoteRenderingClient, Session } from "../index.js";
import { numberFlag, stringFlag } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { sessionDetails, sessionTable } from "./format.js";
import { createProgress } from "./progress.js";
import { guarded } from "./runner.js";
import { createWithFallback, regionEndpoints } from "./session-fallback.js";
import { extendSession, keeperOptions, keepSessionAlive } from "./session-lease.js";
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

/** Polls until Ready, showing each observed status; rejects with SessionEndedError on Error/Expired/Stopped. */
export async function waitForSession(client: RemoteRenderingClient, id: string, signal: AbortSignal): Promise<Session> {
  const progress = createProgress(`session ${id}`);
  try {
    return await client.sessions.waitUntilReady(id, { signal, onProgress: (s: Session) => progress.update(s.status) });
  } finally {
    progress.stop();
  }
}

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  return guarded(out, command, async (signal, interruptCode) => {
    const endpoints = spec.words[1] === "create" ? regionEndpoints(parsed, command) : undefined;
    // With --region-endpoint the first regional endpoint stands in for --endpoint (ARR_ENDPOINT is not needed).
    const env = endpoints === undefined ? process.env : { ...process.env, ARR_ENDPOINT: endpoints[0] };
    const connection = resolveConnection(parsed, command, env);
    let client = connect(connection);
    const id = parsed.args["id"] ?? "";
    const show = (session: Session): number => {
      out.result(session, () => sessionDetails(session));
      return 0;
    };
    const keep = async (target: RemoteRenderingClient, sessionId: string, options: KeepAliveOptions): Promise<number> =>
      keepSessionAlive(target, sessionId, options, { out, signal, interruptCode, stopOnExit: parsed.flags.has("stop-on-exit") });
    switch (spec.words[1]) {
      case "create": {
        const sizeList = sizesFlag(stringFlag(parsed, "size") ?? "", command);
        const maxLeaseTimeMinutes = numberFlag(parsed, "lease", { integer: true }, command) ?? 0;
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
        let sessionId = id;
        let ready: Session;
        try {
          if (fallback) {
            const landed = await createWithFallback(connection, endpoints ?? [connection.endpoint], sizeList, id, maxLeaseTimeMinutes, signal);
            ({ client } = landed);
            sessionId = landed.id;
            process.stderr.write(`session ${landed.id}: Ready at ${client.endpoint} (${landed.size}) after ${landed.attempts.length} attempt(s)\n`);
            ready = landed.session;
          } else {
            const created = await client.sessions.create(id, { size: sizeList[0] ?? "Standard", maxLeaseTimeMinutes }, { signal });
            if (!wait) return show(created);
            ready = await waitForSession(client, id, signal);
          }
        } catch (error) {
          // Ctrl-C while starting with --stop-on-exit: stop it rather than leave it to its lease.
          if (signal.aborted && parsed.flags.has("stop-on-exit")) await client.sessions.stop(sessionId, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
          throw error;
        }
        if (keeper === undefined) return show(ready);
        if (!out.json) out.streams.stdout.write(`${sessionDetails(ready)}\n`);
        return keep(client, sessionId, keeper);
      }
      case "get":
        return show(await client.sessions.get(id, { signal }));
      case "update": {
        const maxLeaseTimeMinutes = numberFlag(parsed, "lease", { integer: true }, command) ?? 0;
        return show(await client.sessions.update(id, { maxLeaseTimeMinutes }, { signal }));
      }
      case "extend":
        return show(await extendSession(client, id, parsed, command, signal));
      case "keep-alive":
        return keep(client, id, await keeperOptions(client, parsed, command));
      case "wait":
        return show(await waitForSession(client, id, signal));
      case "stop":
        await client.sessions.stop(id, { signal });
        out.result({ id, stopped: true }, () => `Stopped session '${id}'.`);
        return 0;
      case "list": {
        const sessions: Session[] = [];
        for await (const session of client.sessions.list({ signal })) sessions.push(session);
        out.result(sessions, () => sessionTable(sessions));
        return 0;
      }
      default:
        throw new Error(`no handler for 'arr ${command}'`);
    }
  });
}
