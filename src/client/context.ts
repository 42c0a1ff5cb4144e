// What the resource clients share, and how they turn a response into a value or an error.
import type { ObservedBy } from "../errors/ended-errors.js";
import { errorFromResponse } from "../errors/from-response.js";
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";
import type { Clock } from "../transport/clock.js";
import type { UrlPolicy } from "../validation/url.js";
import { errorHints, withHints } from "./error-hints.js";
import { exchangeOf, type Transport } from "../transport/transport.js";
import type { RawClient } from "./raw.js";

/** The parts of one client that sessions, conversions, paging and pollers use. */
export interface ClientContext {
  readonly raw: RawClient;
  readonly transport: Transport;
  readonly accountId: string;
  /** The endpoint without a trailing slash. */
  readonly endpoint: string;
  readonly clock: Clock;
  /** The STS the credential is exchanged at (undefined with a fixed access token), for the hints of a 401. */
  readonly stsEndpoint: string | undefined;
  /** Whether plain http to hosts other than loopback is allowed (storage container URIs included). */
  readonly urlPolicy: UrlPolicy;
  /** Secret values to keep out of error texts. */
  secrets(): Iterable<string>;
}

function requestOf(response: Response): { method: string; url: string } {
  return exchangeOf(response) ?? { method: "GET", url: response.url || "http://unknown/" };
}

/** The RemoteRenderingError for a non-2xx response and what was read from its body. */
export function failure(context: ClientContext, response: Response, body: unknown, extraSecrets: Iterable<string> = []): RemoteRenderingError {
  const request = requestOf(response);
  const error = errorFromResponse(request, response, body, [...context.secrets(), ...extraSecrets]);
  return withHints(error, errorHints(context, request.method, request.url, response.status));
}

/** The get that observed a terminal state, for the SessionEndedError or ConversionFailedError that reports it. */
export function observedBy(response: Response, operation: string): ObservedBy {
  const { method, url } = requestOf(response);
  return { correlationVector: response.headers.get("ms-cv") ?? undefined, method, path: new URL(url).pathname, operation };
}

/** What an openapi-fetch call of client.raw resolves to. */
export interface RawAnswer {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The body of a 2xx answer (see expectBody), else the RemoteRenderingError of the answer, with `extraSecrets`
 * kept out of it.
 */
export function resultOf<T>(context: ClientContext, { data, error, response }: RawAnswer, extraSecrets?: Iterable<string>): T {
  if (!response.ok) throw failure(context, response, error, extraSecrets);
  return expectBody<T>(data, response);
}

/**
 * `data` of a 2xx response, or an `InvalidResponse` error when a body was expected but none came. The caller
 * names the generated schema type: openapi-fetch's response typing maps the open enums of generated/
 * (`"Standard" | "Premium" | (string & {})`) into object types, so its `data` type is not used here.
 */
export function expectBody<T>(data: unknown, response: Response): T {
  if (data !== undefined && data !== null) return data as T;
  const { method, url } = requestOf(response);
  const path = new URL(url).pathname;
  throw new RemoteRenderingError({
    status: response.status,
    code: "InvalidResponse",
    message: `${method} ${path} answered ${response.status} without the expected JSON body`,
    correlationVector: response.headers.get("ms-cv") ?? undefined,
    method,
    path,
  });
}
