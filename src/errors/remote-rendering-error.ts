// The one error type every failed call rejects with (but input validation, which is ValidationError).
import type { ErrorBody, ErrorDetail } from "./error-body.js";

/** What a {@link RemoteRenderingError} is made of; every text in it must already be free of secrets. */
export interface RemoteRenderingErrorInit<S extends number = number> {
  /** HTTP status, or 0 when no response arrived. */
  status: S;
  /** The error code from the body, or the status's name (`NotFound`), or `NetworkError` / `Timeout`. */
  code: string;
  /** Human-readable description. */
  message: string;
  /** The parsed error body, when the response had one. */
  body?: ErrorBody<S> | undefined;
  /** Further errors that led to this one (`error.details`). */
  details?: readonly ErrorDetail[] | undefined;
  /** What the error is about, e.g. the property in error (`error.target`). */
  target?: string | undefined;
  /** A more specific error (`error.innerError`). */
  innerError?: ErrorDetail | undefined;
  /** The response's `MS-CV` correlation vector. */
  correlationVector?: string | undefined;
  /** Seconds the service asked to wait (`Retry-After`). */
  retryAfterSeconds?: number | undefined;
  /** The spec's operationId, e.g. `getSession`, or `getToken` for the token service. */
  operation?: string | undefined;
  /** HTTP method of the request. */
  method: string;
  /** URL path of the request (no query string, no host). */
  path: string;
  /** The underlying error, for network failures and timeouts. */
  cause?: unknown;
}

/**
 * A call to Azure Remote Rendering (or to its token service) failed.
 *
 * - **An HTTP error** (any non-2xx answer): `status` is the HTTP status; `code`, `message`, `details`,
 *   `target` and `innerError` come from the `error_response` body, or, with no body, `code` is the status's
 *   name (`NotFound`). `correlationVector` is the `MS-CV` header, `retryAfterSeconds` the `Retry-After`.
 * - **A network failure** (connection refused or reset, DNS, a response cut off): `status` is `0`, `code` is
 *   `NetworkError` and `cause` is the original error. Connection resets are retried before this is thrown.
 * - **A timeout** (no complete answer within `timeoutMs` for one attempt): `status` `0`, `code` `Timeout`,
 *   `cause` set. Timeouts are not retried.
 * - **An abort** through the caller's `AbortSignal` is *not* a RemoteRenderingError: the call rejects with
 *   the signal's `reason` (an `AbortError` `DOMException` unless the caller gave another reason).
 *
 * `operation`, `method` and `path` say which request failed. No token, account key or SAS ever appears in
 * the message, the stack, `JSON.stringify(error)` or `util.inspect(error)`.
 *
 * @example
 * ```ts
 * try {
 *   await client.sessions.get("my-session");
 * } catch (e) {
 *   if (isRemoteRenderingError(e, 404)) console.log("no such session", e.correlationVector);
 *   else throw e;
 * }
 * ```
 */
export class RemoteRenderingError<S extends number = number> extends Error {
  /** HTTP status of the response, or 0 when none arrived (network failure, timeout). */
  readonly status: S;
  /** Error code: from the body, else the status's name (`NotFound`), else `NetworkError` / `Timeout`. */
  readonly code: string;
  /** The parsed `error_response` body, when the response had one. */
  readonly body: ErrorBody<S> | undefined;
  /** Further errors that led to this one, from the body (empty when none). */
  readonly details: readonly ErrorDetail[];
  /** What the error is about (e.g. `maxLeaseTimeMinutes`), from the body. */
  readonly target: string | undefined;
  /** A more specific error, from the body. */
  readonly innerError: ErrorDetail | undefined;
  /** The `MS-CV` correlation vector of the response: quote it when reporting a problem. */
  readonly correlationVector: string | undefined;
  /** Seconds the service asked to wait before the next request (`Retry-After`, e.g. on 429). */
  readonly retryAfterSeconds: number | undefined;
  /** The spec's operationId of the failed request (`createSession`, …; `getToken` for the STS). */
  readonly operation: string | undefined;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL path of the failed request, without host or query. */
  readonly path: string;

  /** Builds the error; the client does this for you. */
  constructor(init: RemoteRenderingErrorInit<S>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "RemoteRenderingError";
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.details = init.details ?? [];
    this.target = init.target;
    this.innerError = init.innerError;
    this.correlationVector = init.correlationVector;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.operation = init.operation;
    this.method = init.method;
    this.path = init.path;
  }

  /** A plain object for logs and `--json` output: every field but the stack, `cause` as its message. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause instanceof Error ? this.cause.message : this.cause;
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      target: this.target,
      details: this.details.length ? this.details : undefined,
      innerError: this.innerError,
      correlationVector: this.correlationVector,
      retryAfterSeconds: this.retryAfterSeconds,
      operation: this.operation,
      method: this.method,
      path: this.path,
      cause,
    };
  }
}
