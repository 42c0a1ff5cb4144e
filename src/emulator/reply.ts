// What a handler answers: a status, a body already serialised, extra headers. Handlers build replies
// synchronously; the server adds MS-CV and writes them once the journal made their effects durable.
import type { components } from "../../generated/remote-rendering.js";

type ApiError = components["schemas"]["error"];

export interface Reply {
  readonly status: number;
  /** JSON text, or undefined for no body (204). */
  readonly body: string | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  /**
   * Why a request was refused, for the request log (`--verbose`): the error's code, message and target. Error
   * messages never quote a value the caller sent, so this holds no secret.
   */
  readonly reason?: string | undefined;
}

export function json(status: number, value: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return { status, body: JSON.stringify(value), headers };
}

/** What the service sent on reads of one session, one conversion and the session list. */
export const NO_CACHE: Readonly<Record<string, string>> = { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" };

export function noContent(): Reply {
  return { status: 204, body: undefined, headers: undefined };
}

/** An `error_response` reply; `target` names the offending parameter or property. */
export function errorReply(
  status: number,
  code: string,
  message: string,
  options: { target?: string | undefined; details?: ApiError[] | undefined; headers?: Record<string, string> } = {},
): Reply {
  const error: { code: string; message: string; target?: string; details?: ApiError[] } = { code, message };
  if (options.target !== undefined) error.target = options.target;
  if (options.details !== undefined && options.details.length > 0) error.details = options.details;
  const reason = `${code}: ${message}${options.target === undefined ? "" : ` (target ${options.target})`}`;
  return { ...json(status, { error }, options.headers), reason };
}

/** The error answers shared by every operation. */
export const replies = {
  unauthorized: (message: string, challenge: string): Reply =>
    errorReply(401, "Unauthorized", message, { headers: { "WWW-Authenticate": challenge } }),
  forbidden: (): Reply => errorReply(403, "Forbidden", "The access token is not valid for this account."),
  routeNotFound: (): Reply => errorReply(404, "NotFound", "No operation of the API matches the request path."),
  methodNotAllowed: (allow: string): Reply =>
    errorReply(405, "MethodNotAllowed", "The operation does not support this HTTP method.", { headers: { Allow: allow } }),
  unsupportedMediaType: (): Reply =>
    errorReply(415, "UnsupportedMediaType", "The request body must have the content type application/json."),
  payloadTooLarge: (limit: number): Reply =>
    errorReply(413, "PayloadTooLarge", `The request body is larger than ${limit} bytes.`),
  malformedJson: (): Reply => errorReply(400, "BadRequest", "The request body is not valid JSON."),
  bodyRequired: (): Reply => errorReply(400, "BadRequest", "The request body is required."),
  throttled: (retryAfterSeconds: number): Reply =>
    errorReply(429, "TooManyRequests", `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`, {
      headers: { "Retry-After": String(retryAfterSeconds) },
    }),
  internalError: (): Reply => errorReply(500, "InternalServerError", "An internal server error occurred."),
  unavailable: (): Reply => errorReply(503, "ServiceUnavailable", "The service is temporarily unavailable."),
} as const;
