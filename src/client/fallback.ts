// Region and size fallback: creating a session where a server is free. The service never falls back by itself
// ("doesn't implicitly fall back to a different region"), so this tries an ordered list of (client, size)
// candidates — one client per regional endpoint — and stops whatever it started before moving on.
import { SessionEndedError } from "../errors/ended-errors.js";
import { isRemoteRenderingError } from "../errors/guards.js";
import { ValidationError } from "../errors/validation-error.js";
import { validateCreateSession, validateSessionId } from "../validation/inputs.js";
import type { RemoteRenderingClient } from "./build-client.js";
import { isTransient } from "./keep-alive.js";
import type { CreateSessionSettings, RequestOptions, Session, SessionSize } from "./types.js";

/** One place to try: a client of a regional endpoint, and a size. */
export interface FallbackCandidate {
  /** A client of one regional endpoint (the same account everywhere). */
  readonly client: RemoteRenderingClient;
  /** The size to create there. */
  readonly size: SessionSize;
}

/** What happened at one candidate. */
export interface FallbackAttempt {
  /** The rendering endpoint of the candidate's client. */
  readonly endpoint: string;
  /** The size tried. */
  readonly size: SessionSize;
  /** The session id used there. */
  readonly id: string;
  /** `Ready`: the session landed here; `Error`/`Expired`/`Stopped`: it ended before Ready; `failed`: a call failed. */
  readonly outcome: "Ready" | "Error" | "Expired" | "Stopped" | "failed";
  /** Why it was given up (a SessionEndedError, or the RemoteRenderingError that outlasted the retries). */
  readonly error?: unknown;
  /** True when a session was started here and stopping it failed too (it may still be running). */
  readonly stopFailed?: boolean;
}

/** Options of {@link createSessionWithFallback}. */
export interface FallbackOptions extends RequestOptions {
  /** Poll interval of each wait until Ready (default: the size's, 2 s Standard, 10 s Premium). */
  intervalMs?: number | undefined;
  /** Every state observed while waiting, with the candidate it belongs to. */
  onProgress?: ((session: Session, attempt: { readonly endpoint: string; readonly size: SessionSize; readonly id: string }) => void) | undefined;
}

/** Where the session landed. */
export interface FallbackResult {
  /** The session, Ready. */
  readonly session: Session;
  /** The client of the region where it landed: use it for every later call on the session. */
  readonly client: RemoteRenderingClient;
  /** The size it got. */
  readonly size: SessionSize;
  /** Its id: `sessionId`, or `<sessionId>-<size in lower case>` when the client was tried before with another size. */
  readonly id: string;
  /** Every attempt in order, the last one `Ready`. */
  readonly attempts: readonly FallbackAttempt[];
}

/** Every candidate failed; `attempts` says how, one by one. */
export class SessionFallbackError extends Error {
  /** Always `SessionFallbackError`. */
  override readonly name = "SessionFallbackError";
  /** Every attempt in order, with its outcome and error. */
  readonly attempts: readonly FallbackAttempt[];

  constructor(attempts: readonly FallbackAttempt[]) {
    const lines = attempts.map((a) => `${a.endpoint} ${a.size} '${a.id}': ${a.outcome}${reasonOf(a.error)}${a.stopFailed ? " (stopping it failed: it may still run)" : ""}`);
    super(`no candidate gave a Ready session (${attempts.length} attempts):\n  ${lines.join("\n  ")}`);
    this.attempts = attempts;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof SessionEndedError) return error.innerError ? ` ${error.innerError.code}: ${error.innerError.message}` : "";
  if (isRemoteRenderingError(error)) return ` ${error.status === 0 ? "network" : error.status} ${error.code}: ${error.message}`;
  return "";
}

/** Ids per candidate: the first use of a client keeps `sessionId`; a client reused for another size gets a suffix. */
function idsFor(candidates: readonly FallbackCandidate[], sessionId: string): string[] {
  const sizes = new Map<RemoteRenderingClient, Set<SessionSize>>();
  return candidates.map(({ client, size }, i) => {
    const tried = sizes.get(client) ?? new Set<SessionSize>();
    sizes.set(client, tried);
    if (tried.has(size))
      throw new ValidationError({ field: `candidates[${i}]`, value: size, rule: "const", message: `candidates[${i}] repeats the client and size of an earlier candidate` });
    // The first id has ended in that region by then, and the service refuses an ended id.
    const id = tried.size === 0 ? sessionId : `${sessionId}-${size.toLowerCase()}`;
    validateSessionId(id);
    tried.add(size);
    return id;
  });
}

/**
 * Creates a session in the first candidate that gives a Ready one. For each `{ client, size }` in order it
 * creates the session, waits until Ready, and on `Error` (or a 5xx/429/network failure that outlasted the
 * retries) stops what it started and moves to the next. Resolves `{ session, client, size, id, attempts }`;
 * rejects with a {@link SessionFallbackError} listing every attempt when none succeeded. Other errors (bad
 * input, 401, 403, 409) and aborts reject at once — after stopping the session of the current attempt, so no
 * session is left running where it gave up.
 *
 * @example
 * ```ts
 * const { session, client, id } = await createSessionWithFallback(
 *   [
 *     { client: eastus, size: "Standard" },
 *     { client: westeurope, size: "Standard" },
 *     { client: eastus, size: "Premium" }, // id "my-session-premium": "my-session" has ended in eastus
 *   ],
 *   "my-session",
 *   { maxLeaseTimeMinutes: 60 },
 * );
 * ```
 */
export async function createSessionWithFallback(
  candidates: readonly FallbackCandidate[],
  sessionId: string,
  settings: Omit<CreateSessionSettings, "size">,
  options: FallbackOptions = {},
): Promise<FallbackResult> {
  if (!Array.isArray(candidates) || candidates.length === 0)
    throw new ValidationError({ field: "candidates", value: candidates, rule: "required", message: "candidates must list at least one { client, size }" });
  validateSessionId(sessionId);
  for (const c of candidates) validateCreateSession({ ...settings, size: c.size });
  const ids = idsFor(candidates, sessionId);
  const { signal } = options;
  const attempts: FallbackAttempt[] = [];

  for (const [i, { client, size }] of candidates.entries()) {
    const id = ids[i] ?? sessionId;
    const where = { endpoint: client.endpoint, size, id };
    let started = false;
    try {
      await client.sessions.create(id, { ...settings, size }, { signal });
      started = true;
      const session = await client.sessions.waitUntilReady(id, {
        signal,
        intervalMs: options.intervalMs,
        onProgress: (s: Session) => options.onProgress?.(s, where),
      });
      attempts.push({ ...where, outcome: "Ready" });
      return { session, client, size, id, attempts };
    } catch (error) {
      const ended = error instanceof SessionEndedError;
      // A create whose answer was lost may have started a session: stop it as well (stopping is idempotent).
      const mayRun = started || isTransient(error) || signal?.aborted === true;
      const stopFailed = mayRun && !(await stopQuietly(client, id));
      if (signal?.aborted || !(ended || isTransient(error))) throw error;
      attempts.push({ ...where, outcome: ended ? error.session.status as FallbackAttempt["outcome"] : "failed", error, ...(stopFailed ? { stopFailed } : {}) });
    }
  }
  throw new SessionFallbackError(attempts);
}

/** Stops a session without the caller's (maybe aborted) signal; true when the service confirmed it. */
async function stopQuietly(client: RemoteRenderingClient, id: string): Promise<boolean> {
  try {
    await client.sessions.stop(id);
    return true;
  } catch (error) {
    return isRemoteRenderingError(error, 404);
  }
}
