// `arr sessions …`: one client call each for get|list|update|stop|wait (wait polls until Ready, with progress),
// the result printed as a key/value block, a table, or JSON; create is in session-create.ts, extend and
// keep-alive in session-lease.ts. Ctrl-C or --timeout during a wait says what keeps running and how to stop it.
import type { KeepAliveOptions, RemoteRenderingClient, Session } from "../index.js";
import { sessionAftermath, type Aftermath } from "./aftermath.js";
import { numberFlag } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { sessionDetails, sessionTable } from "./format.js";
import { guarded } from "./runner.js";
import { createSession } from "./session-create.js";
import { regionEndpoints } from "./session-fallback.js";
import { extendSession, keeperOptions, keepSessionAlive } from "./session-lease.js";
import { timeoutFlag, waitForSession } from "./session-wait.js";

export { timeoutFlag, waitForSession };

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  const id = parsed.args["id"] ?? "";
  // Set once a session exists that Ctrl-C or --timeout would leave running.
  let aftermath: Aftermath | undefined;
  const setAftermath = (value: Aftermath | undefined): void => {
    aftermath = value;
  };
  return guarded(
    out,
    command,
    async (signal, interruptCode) => {
    const endpoints = spec.words[1] === "create" ? regionEndpoints(parsed, command) : undefined;
    // With --region-endpoint the first regional endpoint stands in for --endpoint (ARR_ENDPOINT is not needed).
    const env = endpoints === undefined ? process.env : { ...process.env, ARR_ENDPOINT: endpoints[0] };
    const connection = resolveConnection(parsed, command, env);
    const verbose = parsed.flags.get("verbose") === true;
    const client = connect(connection, { verbose });
    const show = (session: Session): number => {
      out.result(session, () => sessionDetails(session));
      return 0;
    };
    const keep = async (target: RemoteRenderingClient, sessionId: string, options: KeepAliveOptions): Promise<number> =>
      keepSessionAlive(target, sessionId, options, { out, signal, interruptCode, stopOnExit: parsed.flags.has("stop-on-exit") });
    switch (spec.words[1]) {
      case "create":
        return createSession({ parsed, out, command, signal, connection, endpoints, keep, verbose, setAftermath });
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
      case "wait": {
        const timeout = timeoutFlag(parsed, command);
        aftermath = sessionAftermath(id, parsed);
        return show(await waitForSession(client, id, signal, timeout));
      }
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
    },
    { aftermath: () => aftermath },
  );
}
