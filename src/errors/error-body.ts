// The error body the spec declares for a status, derived from generated/ so that it follows the spec.
import type { components, operations } from "../../generated/remote-rendering.js";

/** The `error` object of an error response: `code`, `message`, optional `target`, `details`, `innerError`. */
export type ErrorDetail = components["schemas"]["error"];

/** The body of an error response: `{ error: ErrorDetail }`. */
export type ErrorResponse = components["schemas"]["error_response"];

type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
type ResponseAt<O, S extends number> = O extends { responses: infer R }
  ? S extends keyof R
    ? JsonOf<R[S]>
    : R extends { default: infer D }
      ? JsonOf<D>
      : undefined
  : undefined;

/**
 * The JSON body that the spec declares for error status `S`, over all operations (the `default` response
 * where an operation names no such status). Status `0` (no response: network failure or timeout) and 2xx
 * statuses have none.
 */
export type ErrorBody<S extends number> = S extends 0
  ? undefined
  : `${S}` extends `2${string}`
    ? undefined
    : { [K in keyof operations]: ResponseAt<operations[K], S> }[keyof operations];
