// `arr sessions create|get|list|update|stop|wait`: one client call each (create --wait and wait also poll until
// Ready, with progress), the result printed as a key/value block, a table, or JSON.
import type { RemoteRenderingClient, Session } from "../index.js";
import { sessionAftermath, withTimeout, type Aftermath } from "./aftermath.js";
import { numberFlag, stringFlag, type ParsedCommand } from "./args.js";
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { sessionDetails, sessionTable } from "./format.js";
import { createProgress } from "./progress.js";
import { guarded } from "./runner.js";
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

/**
 * Polls until Ready, showing each observed status; rejects with SessionEndedError on Error/Expired/Stopped, and
 * with a WaitTimeoutError after `timeoutSeconds`.
 */
export async function waitForSession(
  client: RemoteRenderingClient,
  id: string,
  signal: AbortSignal,
  timeoutSeconds?: number,
): Promise<Session> {
  const progress = createProgress(`session ${id}`);
  const limited = withTimeout(signal, timeoutSeconds);
  try {
    return await client.sessions.waitUntilReady(id, { signal: limited.signal, onProgress: (s: Session) => progress.update(s.status) });
  } finally {
    limited.dispose();
    progress.stop();
  }
}

/** `--timeout <seconds>`, a positive number; on a create it limits the `--wait`, so it needs one. */
export function timeoutFlag(parsed: ParsedCommand, command: string): number | undefined {
  const seconds = numberFlag(parsed, "timeout", { exclusiveMinimum: 0 }, command);
  if (seconds !== undefined && command.endsWith("create") && !parsed.flags.has("wait")) {
    throw new UsageError("--timeout limits the wait: give --wait too", { flag: "--timeout", rule: "dependentRequired", command });
  }
  return seconds;
}

export async function run({ spec, parsed, out }: CommandContext): Promise<number> {
  const command = spec.words.join(" ");
  const id = parsed.args["id"] ?? "";
  // Set once a session exists that Ctrl-C or --timeout would leave running.
  let aftermath: Aftermath | undefined;
  return guarded(out, command, async (signal) => {
    const client = connect(resolveConnection(parsed, command), { verbose: parsed.flags.get("verbose") === true });
    const show = (session: Session): number => {
      out.result(session, () => sessionDetails(session));
      return 0;
    };
    switch (spec.words[1]) {
      case "create": {
        const size = sizeFlag(stringFlag(parsed, "size") ?? "", command);
        const maxLeaseTimeMinutes = numberFlag(parsed, "lease", { integer: true }, command) ?? 0;
        const timeout = timeoutFlag(parsed, command);
        if (maxLeaseTimeMinutes === 0) {
          process.stderr.write("arr: warning: --lease 0 means the session expires as soon as it is Ready\n");
        }
        aftermath = sessionAftermath(id, parsed);
        const created = await client.sessions.create(id, { size, maxLeaseTimeMinutes }, { signal });
        return show(parsed.flags.has("wait") ? await waitForSession(client, id, signal, timeout) : created);
      }
      case "get":
        return show(await client.sessions.get(id, { signal }));
      case "update": {
        const maxLeaseTimeMinutes = numberFlag(parsed, "lease", { integer: true }, command) ?? 0;
        return show(await client.sessions.update(id, { maxLeaseTimeMinutes }, { signal }));
      }
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
  }, { aftermath: () => aftermath });
}
