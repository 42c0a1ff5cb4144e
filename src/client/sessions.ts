// client.sessions: create, get, update, stop, list and waitUntilReady over the generated paths.
import { SessionEndedError } from "../errors/ended-errors.js";
import { exchangeOf } from "../transport/transport.js";
import { validateCreateSession, validateSessionId, validateUpdateSession } from "../validation/inputs.js";
import { canonicalSessionSize } from "../validation/known-values.js";
import { failure, observedBy, resultOf, type ClientContext } from "./context.js";
import { keepSessionAlive, type KeepAliveOptions, type KeepAliveResult } from "./keep-alive.js";
import type { remainingLeaseMinutes } from "./lease.js";
import { paged } from "./paging.js";
import { poll, type Observation } from "./poller.js";
import type {
  CreateSessionSettings,
  PagedAsyncIterable,
  ReadySession,
  RequestOptions,
  Session,
  UpdateSessionSettings,
  WaitOptions,
} from "./types.js";

/** Rendering sessions of the account. */
export interface SessionsClient {
  /**
   * Creates a session (201), or returns the existing one when a session with this id and the same settings
   * exists (200, so a create is safe to retry). Rejects with a 409 RemoteRenderingError for the same id with
   * other settings or an id whose session has ended.
   *
   * @example
   * ```ts
   * const session = await client.sessions.create("my-session", { size: "Standard", maxLeaseTimeMinutes: 60 });
   * ```
   */
  create(sessionId: string, settings: CreateSessionSettings, options?: RequestOptions): Promise<Session>;
  /** Gets a session (404 RemoteRenderingError when there is none). */
  get(sessionId: string, options?: RequestOptions): Promise<Session>;
  /**
   * Extends the lease: `maxLeaseTimeMinutes` must be greater than the current value and less than 1440 (at
   * most 1439), else the service answers 422. An update that was retried after a lost answer and then got 422 is settled by a
   * get: if the lease already has the requested value, the update succeeded and that session is returned.
   */
  update(sessionId: string, settings: UpdateSessionSettings, options?: RequestOptions): Promise<Session>;
  /** Stops a session (204; stopping a stopped session is fine). */
  stop(sessionId: string, options?: RequestOptions): Promise<void>;
  /**
   * Lists the `Starting` and `Ready` sessions, following `@nextLink`.
   *
   * @example
   * ```ts
   * for await (const session of client.sessions.list()) console.log(session.id, session.status);
   * ```
   */
  list(options?: RequestOptions): PagedAsyncIterable<Session>;
  /**
   * Polls the session until it is `Ready` — with its `hostname`, `handshakePort` and `arrInspectorPort`, which
   * the resolved {@link ReadySession} always has (a Ready answer without them is polled again) — and resolves to
   * it; rejects with {@link SessionEndedError} when it ends in `Error`, `Expired` or `Stopped`; a status the spec
   * does not know counts as not yet final. Polls every 2 s for Standard and every 10 s for Premium sessions and
   * sessions of a size the spec does not know, unless `intervalMs` or a `Retry-After` says otherwise;
   * `onProgress` sees every state observed.
   *
   * @example
   * ```ts
   * const ready = await client.sessions.waitUntilReady("my-session", { onProgress: (s) => console.log(s.status) });
   * console.log(ready.hostname, ready.handshakePort);
   * ```
   */
  waitUntilReady(sessionId: string, options?: WaitOptions<Session>): Promise<ReadySession>;
  /**
   * Keeps the session's lease ahead of its use: while it is Starting or Ready, extends the lease by
   * `extendByMinutes` (Update Session) whenever fewer than `whenRemainingMinutes` remain (see
   * {@link remainingLeaseMinutes}), never past `maxLeaseTimeMinutes`. Once that cap is reached it keeps
   * watching. Resolves `{ reason: "ended", session, extensions }` when the session ends (Expired, Stopped,
   * Error) or `{ reason: "aborted", … }` at once when `signal` aborts. Every wait goes through the client's
   * clock; network errors, timeouts, 429 and 5xx are waited out; one update per needed extension, and a 422
   * (a concurrent extension) is settled by reading the session back.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * const { reason, session, extensions } = await client.sessions.keepAlive("my-session", {
   *   maxLeaseTimeMinutes: 240, // never more than 4 hours of billing
   *   extendByMinutes: 30,
   *   whenRemainingMinutes: 10,
   *   signal: controller.signal,
   *   onExtend: (s) => console.log(`lease now ${s.maxLeaseTimeMinutes} min`),
   * });
   * ```
   */
  keepAlive(sessionId: string, options: KeepAliveOptions): Promise<KeepAliveResult>;
}

/** Ready, and with everything a client needs to connect. */
function isReady(session: Session): session is Session & ReadySession {
  return (
    session.status === "Ready" &&
    typeof session.hostname === "string" &&
    session.hostname !== "" &&
    typeof session.handshakePort === "number" &&
    typeof session.arrInspectorPort === "number"
  );
}

const sessionPath = "/accounts/{account_id}/sessions/{session_id}" as const;
const terminal: ReadonlySet<string> = new Set(["Error", "Expired", "Stopped"]);

/** The poll intervals the official SDK uses (Standard 2 s, Premium 10 s). */
export const sessionPollIntervalMs = { Standard: 2_000, Premium: 10_000 } as const;
/** The poll interval of a session whose size the spec does not know: the slow end of the docs' 5–10 s. */
export const unknownSizePollIntervalMs = 10_000;

/** The interval for a session of `size` (Standard when no session was read yet). */
export function sessionPollInterval(size: string | undefined): number {
  const known = canonicalSessionSize(size ?? "Standard");
  return known === "Standard" || known === "Premium" ? sessionPollIntervalMs[known] : unknownSizePollIntervalMs;
}

/** Builds client.sessions. */
export function createSessions(context: ClientContext): SessionsClient {
  const { raw, accountId } = context;
  const path = (session_id: string) => ({ path: { account_id: accountId, session_id } });

  async function observe(sessionId: string, signal: AbortSignal | undefined): Promise<Observation<Session>> {
    const answer = await raw.GET(sessionPath, { params: path(sessionId), signal: signal ?? null });
    return { value: resultOf<Session>(context, answer), response: answer.response };
  }

  const client: SessionsClient = {
    async create(sessionId, settings, options) {
      validateSessionId(sessionId);
      validateCreateSession(settings);
      const answer = await raw.PUT(sessionPath, {
        params: path(sessionId),
        // `standard` goes out as `Standard`; a size the spec does not know goes out as given (the service decides).
        body: { ...settings, size: canonicalSessionSize(settings.size) },
        signal: options?.signal ?? null,
      });
      return resultOf<Session>(context, answer);
    },

    async get(sessionId, options) {
      validateSessionId(sessionId);
      return (await observe(sessionId, options?.signal)).value;
    },

    async update(sessionId, settings, options) {
      validateSessionId(sessionId);
      validateUpdateSession(settings);
      const answer = await raw.PATCH(sessionPath, {
        params: path(sessionId),
        body: settings,
        signal: options?.signal ?? null,
      });
      if (answer.response.status === 422 && exchangeOf(answer.response)?.retried) {
        // An earlier attempt may have been applied before its answer was lost: read the lease back.
        const current = await observe(sessionId, options?.signal);
        if (current.value.maxLeaseTimeMinutes === settings.maxLeaseTimeMinutes) return current.value;
      }
      return resultOf<Session>(context, answer);
    },

    async stop(sessionId, options) {
      validateSessionId(sessionId);
      const { error, response } = await raw.POST("/accounts/{account_id}/sessions/{session_id}/:stop", {
        params: path(sessionId),
        signal: options?.signal ?? null,
      });
      if (!response.ok) throw failure(context, response, error);
    },

    list(options) {
      return paged<Session>(
        context,
        "sessions",
        (signal) => raw.GET("/accounts/{account_id}/sessions", { params: { path: { account_id: accountId } }, signal: signal ?? null }),
        options,
      );
    },

    async waitUntilReady(sessionId, options) {
      validateSessionId(sessionId);
      return poll<Session, Session & ReadySession>(
        context,
        {
          get: (signal) => observe(sessionId, signal),
          isDone: isReady,
          failure: (session, response) => {
            if (!terminal.has(session.status)) return undefined;
            return new SessionEndedError(session, observedBy(response, "getSession"));
          },
          defaultIntervalMs: (session) => sessionPollInterval(session?.size),
        },
        options,
      );
    },

    keepAlive(sessionId, options) {
      return keepSessionAlive(client, context.clock, sessionId, options);
    },
  };
  return client;
}
