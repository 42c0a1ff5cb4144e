// The lease keeper: extends a session's lease shortly before it runs out, never past a cap, until the session
// ends or the caller aborts. It only uses the public session calls (get, update) and the client's clock, so
// tests run it on virtual time. One update per needed extension; a 422 is settled by reading the session back.
import { isRemoteRenderingError } from "../errors/guards.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Clock } from "../transport/clock.js";
import { validateSessionId, validateUpdateSession } from "../validation/inputs.js";
import { hasEnded, remainingLeaseMinutes } from "./lease.js";
import type { SessionsClient } from "./sessions.js";
import type { RequestOptions, Session } from "./types.js";

/** Options of `client.sessions.keepAlive`. */
export interface KeepAliveOptions extends RequestOptions {
  /**
   * The largest lease the keeper will ever set, in minutes: required (a default would let a forgotten keeper
   * bill for a day), at most the spec's Update Session maximum (1439).
   */
  maxLeaseTimeMinutes: number;
  /** Minutes added per extension (default 30); the last extension stops at `maxLeaseTimeMinutes`. */
  extendByMinutes?: number | undefined;
  /**
   * Extend when fewer than this many minutes remain (default 10, at least 2). The service counts elapsed
   * minutes rounded down and the keeper reads the session once a minute near the window, so leave a few
   * minutes for retries.
   */
  whenRemainingMinutes?: number | undefined;
  /** Called after each extension with the session as the service answered it. */
  onExtend?: ((session: Session) => void) | undefined;
  /**
   * Length of one of the service's minutes on the client's clock (default 60 000). Only for an emulator run
   * with shortened minutes (`--minute-seconds`): pass the same length here.
   */
  minuteMs?: number | undefined;
}

/** How `keepAlive` ended: the session ended (Expired, Stopped, Error), or the caller's signal aborted. */
export type KeepAliveResult =
  | { readonly reason: "ended"; readonly session: Session; readonly extensions: number }
  /** `session` is the last state read (undefined if the signal aborted before the first read). */
  | { readonly reason: "aborted"; readonly session: Session | undefined; readonly extensions: number };

const defaults = { extendByMinutes: 30, whenRemainingMinutes: 10, minuteMs: 60_000 } as const;
/** Far from the window the keeper still reads this often, so a session stopped elsewhere ends it soon. */
const maxReadGapMinutes = 5;

function wholeMinutes(field: string, value: unknown, minimum: number): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new ValidationError({ field, value, rule: "type", message: `${field} must be a whole number of minutes (got ${String(value)})` });
  if (value < minimum)
    throw new ValidationError({ field, value, rule: "minimum", message: `${field} must be at least ${minimum} (got ${value})` });
  return value;
}

interface Settings {
  readonly cap: number;
  readonly by: number;
  readonly when: number;
  readonly minuteMs: number;
}

function settingsOf(options: KeepAliveOptions | undefined): Settings {
  const cap: unknown = options?.maxLeaseTimeMinutes;
  if (cap === undefined)
    throw new ValidationError({ field: "maxLeaseTimeMinutes", value: cap, rule: "required", message: "maxLeaseTimeMinutes is required: the largest lease the keeper may set" });
  // The cap is a lease the keeper will send in Update Session: the spec's limits for that body apply.
  validateUpdateSession({ maxLeaseTimeMinutes: cap });
  const minuteMs = options?.minuteMs ?? defaults.minuteMs;
  if (typeof minuteMs !== "number" || !Number.isFinite(minuteMs) || minuteMs <= 0)
    throw new ValidationError({ field: "minuteMs", value: minuteMs, rule: "minimum", message: `minuteMs must be a positive number (got ${String(minuteMs)})` });
  return {
    cap: cap as number,
    by: wholeMinutes("extendByMinutes", options?.extendByMinutes ?? defaults.extendByMinutes, 1),
    when: wholeMinutes("whenRemainingMinutes", options?.whenRemainingMinutes ?? defaults.whenRemainingMinutes, 2),
    minuteMs,
  };
}

const lease = (s: Session): number => s.maxLeaseTimeMinutes ?? 0;

/** Errors worth waiting out: network failures, timeouts, 429 and 5xx that outlasted the transport's retries. */
export function isTransient(error: unknown): boolean {
  return isRemoteRenderingError(error) && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** Keeps a session's lease ahead of its use; see `SessionsClient.keepAlive`. */
export async function keepSessionAlive(
  sessions: Pick<SessionsClient, "get" | "update">,
  clock: Clock,
  sessionId: string,
  options: KeepAliveOptions,
): Promise<KeepAliveResult> {
  validateSessionId(sessionId);
  const { cap, by, when, minuteMs } = settingsOf(options);
  const signal = options.signal;
  const request = { signal };
  let session: Session | undefined;
  let extensions = 0;
  // The lease an update asked for when its answer never came: the next read tells whether it was applied.
  let unanswered: number | undefined;

  const extended = (answer: Session): Session => {
    extensions++;
    options.onExtend?.(answer);
    return answer;
  };

  /** One Update Session; a 422 (a concurrent extension, or the session ended) is settled by a read. */
  const extend = async (current: Session, target: number): Promise<Session> => {
    unanswered = target;
    try {
      const answer = await sessions.update(sessionId, { maxLeaseTimeMinutes: target }, request);
      unanswered = undefined;
      return extended(answer);
    } catch (error) {
      if (!isRemoteRenderingError(error, 422)) throw error;
      unanswered = undefined;
      const now = await sessions.get(sessionId, request);
      // Someone else extended it (no need for ours), or it ended: either way, carry on from what is there.
      if (hasEnded(now) || lease(now) > lease(current)) return now;
      throw error;
    }
  };

  /** Minutes until the next read: once a minute near the window (or the lease's end once capped). */
  const nextReadMinutes = (s: Session): number => {
    const left = remainingLeaseMinutes(s);
    const gap = lease(s) >= cap ? left - 1 : left - when - 1;
    return Math.min(maxReadGapMinutes, Math.max(1, gap));
  };

  for (;;) {
    if (signal?.aborted) return { reason: "aborted", session, extensions };
    let waitMs: number;
    try {
      session = await sessions.get(sessionId, request);
      if (unanswered !== undefined) {
        if (lease(session) >= unanswered) session = extended(session);
        unanswered = undefined;
      }
      for (;;) {
        if (hasEnded(session)) return { reason: "ended", session, extensions };
        const target = Math.min(lease(session) + by, cap);
        if (remainingLeaseMinutes(session) >= when || target <= lease(session)) break;
        session = await extend(session, target);
      }
      waitMs = nextReadMinutes(session) * minuteMs;
    } catch (error) {
      if (signal?.aborted) return { reason: "aborted", session, extensions };
      if (!isTransient(error)) throw error;
      // Retry-After when the service gave one, else a twelfth of a minute (5 s): well inside the window.
      const after = isRemoteRenderingError(error) ? error.retryAfterSeconds : undefined;
      waitMs = after !== undefined ? after * 1000 : minuteMs / 12;
    }
    try {
      await clock.sleep(waitMs, signal);
    } catch (error) {
      if (signal?.aborted) return { reason: "aborted", session, extensions };
      throw error;
    }
  }
}
