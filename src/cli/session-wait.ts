// The wait of `sessions create --wait` and `sessions wait`: polls until Ready with a progress line on stderr,
// for at most `--timeout` seconds.
import type { RemoteRenderingClient, Session } from "../index.js";
import { withTimeout } from "./aftermath.js";
import { numberFlag, type ParsedCommand } from "./args.js";
import { createProgress } from "./progress.js";
import { UsageError } from "./usage-error.js";

/** `--timeout <seconds>`, a positive number; on a create (or `convert`) it limits the `--wait`, so it needs one. */
export function timeoutFlag(parsed: ParsedCommand, command: string): number | undefined {
  const seconds = numberFlag(parsed, "timeout", { exclusiveMinimum: 0 }, command);
  if (seconds !== undefined && (command.endsWith("create") || command === "convert") && !parsed.flags.has("wait")) {
    throw new UsageError("--timeout limits the wait: give --wait too", { flag: "--timeout", rule: "dependentRequired", command });
  }
  return seconds;
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
