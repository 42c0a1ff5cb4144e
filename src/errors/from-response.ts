// Turns a failed exchange (a non-2xx response, or no response at all) into a RemoteRenderingError.
import type { ErrorBody, ErrorDetail, ErrorResponse } from "./error-body.js";
import { operationOf } from "./operation.js";
import { redact, redactDeep } from "./redact.js";
import { RemoteRenderingError } from "./remote-rendering-error.js";
import { statusCode } from "./status-codes.js";

/** The request side of a failed exchange. */
export interface FailedRequest {
  method: string;
  url: string;
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as ErrorDetail).code === "string";
}

/** `Retry-After` in seconds: an integer, or an HTTP date relative to `now`; undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * A RemoteRenderingError for a non-2xx response. `body` is what was read from it (parsed JSON, text, or
 * undefined when empty); every text taken from it is scrubbed of `secrets` and of anything token-shaped.
 */
export function errorFromResponse(
  request: FailedRequest,
  response: Response,
  body: unknown,
  secrets: Iterable<string> = [],
): RemoteRenderingError {
  const { pathname } = new URL(request.url);
  // A server may echo what it was sent; nothing it says is kept unredacted.
  const list = [...secrets];
  const clean: unknown = body === undefined || body === "" ? undefined : redactDeep(body, list);
  const error = isErrorResponse(clean) ? clean.error : undefined;
  const text = typeof clean === "string" ? clean.slice(0, 200) : undefined;
  const code = error?.code ?? statusCode(response.status);
  return new RemoteRenderingError({
    status: response.status,
    code,
    message:
      error?.message ??
      `${request.method} ${pathname} failed with ${response.status} ${code}${text ? `: ${text}` : ""}`,
    body: isErrorResponse(clean) ? (clean as ErrorBody<number>) : undefined,
    // The 2021 service sent these as null when it had nothing to say.
    details: error?.details ?? undefined,
    target: error?.target ?? undefined,
    innerError: error?.innerError ?? undefined,
    correlationVector: response.headers.get("ms-cv") ?? undefined,
    retryAfterSeconds: retryAfterSeconds(response.headers),
    operation: operationOf(request.method, pathname),
    method: request.method,
    path: pathname,
  });
}

/** A status-0 RemoteRenderingError for a request that got no (complete) response. */
export function errorWithoutResponse(
  request: FailedRequest,
  code: "NetworkError" | "Timeout",
  description: string,
  cause: unknown,
): RemoteRenderingError<0> {
  const { pathname } = new URL(request.url);
  return new RemoteRenderingError({
    status: 0,
    code,
    message: `${request.method} ${pathname}: ${redact(description)}`,
    operation: operationOf(request.method, pathname),
    method: request.method,
    path: pathname,
    cause,
  });
}
