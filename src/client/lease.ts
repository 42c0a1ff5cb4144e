// Lease arithmetic shared by the lease keeper and by UIs that show how long a session has left.
import type { Session } from "./types.js";

const ended: ReadonlySet<string> = new Set(["Error", "Expired", "Stopped"]);

/**
 * Minutes left on a session's lease: `maxLeaseTimeMinutes - elapsedTimeMinutes`, never below 0, and 0 once the
 * session has ended (Error, Expired, Stopped). The lease counts from `Ready`, so a `Starting` session has its
 * whole lease left. The service rounds `elapsedTimeMinutes` down, so the true time left is between this value
 * minus one minute and this value.
 *
 * @example
 * ```ts
 * const session = await client.sessions.get("my-session");
 * console.log(`${remainingLeaseMinutes(session)} min left`);
 * ```
 */
export function remainingLeaseMinutes(session: Pick<Session, "status" | "maxLeaseTimeMinutes" | "elapsedTimeMinutes">): number {
  if (ended.has(session.status)) return 0;
  return Math.max(0, (session.maxLeaseTimeMinutes ?? 0) - (session.elapsedTimeMinutes ?? 0));
}

/** True for Error, Expired and Stopped: the session will never run again. */
export function hasEnded(session: Pick<Session, "status">): boolean {
  return ended.has(session.status);
}
