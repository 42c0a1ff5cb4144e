// The fetch wrapper under every request: credentials per attempt, per-attempt timeout, retries of a clone of
// the Request, Retry-After, and the caller's AbortSignal. Responses come back with their body read, so a
// connection cut mid-body is a (retried) network failure rather than a surprise while parsing.
import { errorWithoutResponse, retryAfterSeconds } from "../errors/from-response.js";
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";
import { BufferedResponse } from "./buffered-response.js";
import type { Clock } from "./clock.js";
import { describe, isConnectionReset } from "./network-errors.js";
import { backoffMs, isRetryableStatus, type RetryPolicy } from "./retry-policy.js";

/** A `fetch` function: the global one, or any with its signature (it must honour `init.signal`). */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Supplies the `Authorization` header of service requests. */
export interface Authorizer {
  /** Only requests to this origin get the credential. */
  readonly origin: string;
  /** The header value for the next attempt (`Bearer …`). */
  authorization(signal: AbortSignal): Promise<string>;
  /** Told that `authorization` got a 401; true when a fresh credential is worth one more attempt. */
  refused(authorization: string): boolean;
}

/** What a transport is built from. */
export interface TransportOptions {
  fetch: FetchLike;
  policy: RetryPolicy;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  userAgent: string;
  authorizer?: Authorizer | undefined;
}

/** Sends a Request with retries; resolves to the final Response (2xx or not), rejects for no response. */
export type Transport = (request: Request) => Promise<Response>;

/** The request a response answers, and whether it took more than one attempt. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** True when the response came after more than one attempt (the service may have acted on an earlier one). */
  readonly retried: boolean;
}

const exchanges = new WeakMap<Response, Exchange>();

/** The request behind a response of a transport (undefined for a response from elsewhere). */
export function exchangeOf(response: Response): Exchange | undefined {
  return exchanges.get(response);
}

const timedOut = Symbol("timeout");

/** Builds the transport for one client (or for the token service, without an authorizer). */
export function createTransport(options: TransportOptions): Transport {
  const { fetch, policy, timeoutMs, clock, random, userAgent, authorizer } = options;

  async function attempt(request: Request, signal: AbortSignal): Promise<Response> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(timedOut), timeoutMs) : undefined;
    try {
      const response = await fetch(request, { signal: controller.signal, redirect: "error" });
      const empty = response.status === 204 || response.status === 205 || response.status === 304 || request.method === "HEAD";
      const body = empty ? null : new Uint8Array(await response.arrayBuffer());
      return new BufferedResponse(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (controller.signal.reason === timedOut)
        throw errorWithoutResponse(request, "Timeout", `no complete answer within ${timeoutMs} ms`, error);
      throw errorWithoutResponse(request, "NetworkError", describe(error), error);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
  }

  return async function send(request: Request): Promise<Response> {
    const signal = request.signal;
    if (authorizer && !request.url.startsWith(authorizer.origin + "/"))
      throw new RemoteRenderingError({
        status: 0,
        code: "UntrustedHost",
        message: `Refusing to send credentials to ${new URL(request.url).origin}; this client talks to ${authorizer.origin} only`,
        method: request.method,
        path: new URL(request.url).pathname,
      });
    let retries = 0;
    let refreshed = false;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      // A body can be sent once: every attempt but a bodiless one goes out as a clone.
      const current = request.body === null ? request : request.clone();
      if (userAgent) current.headers.set("user-agent", userAgent);
      let authorization: string | undefined;
      if (authorizer) {
        authorization = await authorizer.authorization(signal);
        current.headers.set("authorization", authorization);
      }
      let response: Response;
      try {
        response = await attempt(current, signal);
      } catch (error) {
        if (error instanceof RemoteRenderingError && error.code === "NetworkError" && isConnectionReset(error.cause) && retries < policy.maxRetries) {
          await clock.sleep(backoffMs(policy, retries++, random), signal);
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
        await clock.sleep(after !== undefined ? after * 1000 : backoffMs(policy, retries, random), signal);
        retries++;
        continue;
      }
      exchanges.set(response, { method: request.method, url: request.url, retried: retries > 0 || refreshed });
      return response;
    }
  };
}
