// The fetch wrapper under every request: credentials per attempt, per-attempt timeout, retries of a clone of
// the Request, Retry-After, and the caller's AbortSignal. Responses come back with their body read, so a
// connection cut mid-body is a (retried) network failure rather than a surprise while parsing.
import { errorWithoutResponse, retryAfterSeconds } from "../errors/from-response.js";
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";
import { answeredLine, failedLine, retryLine, type AttemptLog } from "./attempt-log.js";
import { BufferedResponse, type Exchange } from "./buffered-response.js";
import { ClientRequest, neverAborts } from "./client-request.js";
import type { Clock } from "./clock.js";
import { isConnectionReset } from "./network-errors.js";
import { backoffMs, isRetryableStatus, type RetryPolicy } from "./retry-policy.js";

/** A `fetch` function: the global one, or any with its signature (it must honour `init.signal`). */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * One attempt without a fetch's ceremony, for a transport of this package: `signal` is the caller's (undefined
 * when it cannot abort), `timeoutMs` the attempt's limit (0: none). Rejects with the signal's reason on abort
 * and with an AttemptTimeout on timeout.
 */
export type Exchanger = (request: Request, signal: AbortSignal | undefined, timeoutMs: number) => Promise<Response>;

/** The rejection of an Exchanger whose attempt ran out of time. */
export class AttemptTimeout extends Error {
  constructor(timeoutMs: number, cause: unknown) {
    super(`no complete answer within ${timeoutMs} ms`, { cause });
  }
}

/**
 * Puts a failed connection in words for the message of a NetworkError (`requestUrl` names the address). The
 * entry point chooses it: the Node one reads Node's socket and TLS codes; a browser's fetch has none to read.
 */
export type NetworkErrorExplainer = (error: unknown, requestUrl: string) => string;

/** Supplies the `Authorization` header of service requests. */
export interface Authorizer {
  /** Only requests to this origin get the credential. */
  readonly origin: string;
  /**
   * The header value for the next attempt (`Bearer …`): a string when it is at hand (a fixed or cached
   * token), so the common call does not wait a turn for it; a promise when a token must be fetched first.
   */
  authorization(signal: AbortSignal): string | Promise<string>;
  /** Told that `authorization` got a 401; true when a fresh credential is worth one more attempt. */
  refused(authorization: string): boolean;
}

/** What a transport is built from. */
export interface TransportOptions {
  fetch: FetchLike;
  /** The direct way into `fetch` when it is the package's own (see Exchanger). */
  exchange?: Exchanger | undefined;
  policy: RetryPolicy;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  userAgent: string;
  authorizer?: Authorizer | undefined;
  /** Debug lines per attempt and retry wait (off when undefined). */
  log?: AttemptLog;
  /** The message of a NetworkError, from what the failed attempt threw. */
  explain: NetworkErrorExplainer;
}

/** Sends a Request with retries; resolves to the final Response (2xx or not), rejects for no response. */
export type Transport = (request: Request) => Promise<Response>;

export type { Exchange };

/** The request behind a response of a transport (undefined for a response from elsewhere). */
export function exchangeOf(response: Response): Exchange | undefined {
  return BufferedResponse.exchangeOf(response);
}

const timedOut = Symbol("timeout");

function abortOnTimeout(controller: AbortController): void {
  controller.abort(timedOut);
}

/** Builds the transport for one client (or for the token service, without an authorizer). */
export function createTransport(options: TransportOptions): Transport {
  const { fetch, exchange: direct, policy, timeoutMs, clock, random, userAgent, authorizer, log, explain } = options;
  const trusted = authorizer ? `${authorizer.origin}/` : ""; // the prefix of every URL that gets credentials

  // Each attempt has its own controller: it aborts on the attempt's timeout and, when `signal` can abort at
  // all (`follow`), on the caller's signal.
  async function attempt(request: Request, signal: AbortSignal, follow: boolean, retried: boolean): Promise<BufferedResponse> {
    if (direct) return attemptDirect(direct, request, signal, follow, retried);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    if (follow) signal.addEventListener("abort", onAbort); // removed in `finally`, so no `once` bookkeeping
    const timer = timeoutMs > 0 ? setTimeout(abortOnTimeout, timeoutMs, controller) : undefined;
    const started = log === undefined ? 0 : performance.now();
    try {
      const response = await fetch(request, { signal: controller.signal, redirect: "error" });
      const exchange = { method: request.method, url: request.url, retried };
      // The Node fetch hands back its body already read: no second copy.
      if (BufferedResponse.adopt(response, exchange)) {
        log?.(answeredLine(request.method, request.url, response.status, performance.now() - started, response.headers.get("ms-cv")));
        return response;
      }
      const empty = response.status === 204 || response.status === 205 || response.status === 304 || request.method === "HEAD";
      const body = empty ? null : new Uint8Array(await response.arrayBuffer());
      log?.(answeredLine(request.method, request.url, response.status, performance.now() - started, response.headers.get("ms-cv")));
      return new BufferedResponse(body, response, exchange);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const failure =
        controller.signal.reason === timedOut
          ? errorWithoutResponse(request, "Timeout", `no complete answer within ${timeoutMs} ms`, error)
          : errorWithoutResponse(request, "NetworkError", explain(error, request.url), error);
      log?.(failedLine(request.method, request.url, failure.code, performance.now() - started, failure.message));
      throw failure;
    } finally {
      clearTimeout(timer);
      if (follow) signal.removeEventListener("abort", onAbort);
    }
  }

  async function attemptDirect(exchange: Exchanger, request: Request, signal: AbortSignal, follow: boolean, retried: boolean): Promise<BufferedResponse> {
    let response: Response;
    const started = log === undefined ? 0 : performance.now();
    try {
      response = await exchange(request, follow ? signal : undefined, timeoutMs);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const failure =
        error instanceof AttemptTimeout
          ? errorWithoutResponse(request, "Timeout", error.message, error)
          : errorWithoutResponse(request, "NetworkError", explain(error, request.url), error);
      log?.(failedLine(request.method, request.url, failure.code, performance.now() - started, failure.message));
      throw failure;
    }
    log?.(answeredLine(request.method, request.url, response.status, performance.now() - started, response.headers.get("ms-cv")));
    const exchanged = { method: request.method, url: request.url, retried };
    if (BufferedResponse.adopt(response, exchanged)) return response;
    throw new TypeError("an Exchanger must answer with a BufferedResponse");
  }

  return async function send(request: Request): Promise<Response> {
    const signal = request.signal;
    // The prefix test is the fast path; the origin test accepts a URL spelled differently (`[::ffff:127.0.0.1]`).
    if (authorizer && !request.url.startsWith(trusted) && new URL(request.url).origin !== authorizer.origin)
      throw new RemoteRenderingError({
        status: 0,
        code: "UntrustedHost",
        message: `Refusing to send credentials to ${new URL(request.url).origin}; this client talks to ${authorizer.origin} only`,
        method: request.method,
        path: new URL(request.url).pathname,
      });
    // A LeanRequest made without a signal has `neverAborts`; a ClientRequest knows whether it follows one.
    const follow = request.signal !== neverAborts && ClientRequest.mayAbort(request);
    let retries = 0;
    let refreshed = false;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      // A body can be sent once: every attempt but a bodiless one goes out as a clone.
      const current = request.body === null ? request : request.clone();
      if (userAgent) current.headers.set("user-agent", userAgent);
      let authorization: string | undefined;
      if (authorizer) {
        const pending = authorizer.authorization(signal);
        authorization = typeof pending === "string" ? pending : await pending;
        current.headers.set("authorization", authorization);
      }
      let response: BufferedResponse;
      try {
        response = await attempt(current, signal, follow, retries > 0 || refreshed);
      } catch (error) {
        if (error instanceof RemoteRenderingError && error.code === "NetworkError" && isConnectionReset(error.cause) && retries < policy.maxRetries) {
          const waitMs = backoffMs(policy, retries++, random);
          log?.(retryLine(request.method, request.url, waitMs, retries + 1));
          await clock.sleep(waitMs, signal);
          continue;
        }
        throw error;
      }
      if (response.status === 401 && authorization !== undefined && !refreshed && authorizer?.refused(authorization)) {
        refreshed = true; // one fresh credential per call; a second 401 is the answer
        continue;
      }
      if (isRetryableStatus(response.status) && retries < policy.maxRetries) {
        const after = retryAfterSeconds(response.headers, clock.now());
        const waitMs = after !== undefined ? after * 1000 : backoffMs(policy, retries, random);
        log?.(retryLine(request.method, request.url, waitMs, retries + 2));
        await clock.sleep(waitMs, signal);
        retries++;
        continue;
      }
      return response;
    }
  };
}
