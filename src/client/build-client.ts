// The client itself: wires validation, the credential, the transport and openapi-fetch together. The entry
// points (create-client-node.ts, create-client-browser.ts) give it the platform's default fetch and the way
// its network failures are put in words (Node's socket and TLS codes mean nothing in a browser's bundle).
import createClient, { createQuerySerializer } from "openapi-fetch";
import { apiVersion } from "../../generated/constraints.js";
import { createAuthorizer } from "../auth/authorizer.js";
import { ValidationError } from "../errors/validation-error.js";
import { attemptLog } from "../transport/attempt-log.js";
import { ClientRequest } from "../transport/client-request.js";
import { systemClock } from "../transport/clock.js";
import { retryPolicy } from "../transport/retry-policy.js";
import { createTransport, type Exchanger, type FetchLike, type NetworkErrorExplainer } from "../transport/transport.js";
import { validateAccountDomain, validateAccountId, validateEndpoint } from "../validation/inputs.js";
import type { ClientContext } from "./context.js";
import { createConversions, type ConversionsClient } from "./conversions.js";
import type { RemoteRenderingClientOptions } from "./options.js";
import type { RawClient, RawPaths } from "./raw.js";
import { createSessions, type SessionsClient } from "./sessions.js";
import type { RequestOptions } from "./types.js";

/** A client of one Azure Remote Rendering account. */
export interface RemoteRenderingClient {
  /** Rendering sessions. */
  readonly sessions: SessionsClient;
  /** Model conversions. */
  readonly conversions: ConversionsClient;
  /** The openapi-fetch client underneath, with auth, `api-version` and retries applied. */
  readonly raw: RawClient;
  /** The account id this client works on. */
  readonly accountId: string;
  /** The rendering endpoint, without a trailing slash. */
  readonly endpoint: string;
  /**
   * The STS access token the client currently uses (exchanging the credential if needed). It is a secret:
   * print it only when asked to, as `arr token` does.
   */
  getAccessToken(options?: RequestOptions): Promise<string>;
  /**
   * Releases the client's connections (Node transport): idle sockets close at once, busy ones as soon as their
   * answer is in. The client stays usable; a later call opens new connections. Idle sockets never keep the
   * process alive, so calling this is optional for a script but keeps long-lived services tidy. A no-op with
   * a `fetch` of your own or outside Node.
   */
  close(): void;
}

/** The fetch a platform sends with when the user gives none, and how to release what it holds. */
export interface PlatformFetch {
  readonly fetch: FetchLike;
  /** The direct way into `fetch` for the transport, when the platform has one. */
  readonly exchange?: Exchanger;
  /** The Request class to build requests for `fetch` with (default: a global Request). */
  readonly Request?: typeof Request;
  close(): void;
}

/** What an entry point provides: its default fetch for the options of one client (it checks `ca`, `maxSockets`). */
export type PlatformFetchFactory = (options: RemoteRenderingClientOptions) => PlatformFetch;

const serializeQuery = createQuerySerializer();
const defaultTimeoutMs = 30_000;

function positive(value: number | undefined, field: string): void {
  if (value !== undefined && !(typeof value === "number" && value >= 0 && Number.isFinite(value)))
    throw new ValidationError({ field, value, rule: "minimum", message: `${field} must be a finite number ≥ 0 (got ${String(value)})` });
}

/**
 * Builds a client with `platform` as the default fetch and `explain` for the message of a NetworkError (see
 * createRemoteRenderingClient for the contract).
 */
export function buildClient(options: RemoteRenderingClientOptions, platform: PlatformFetchFactory, explain: NetworkErrorExplainer): RemoteRenderingClient {
  const urlPolicy = { allowInsecureHttp: options.allowInsecureHttp === true };
  validateEndpoint(options.endpoint, "endpoint", urlPolicy);
  validateAccountId(options.accountId);
  if (options.accountDomain !== undefined) validateAccountDomain(options.accountDomain);
  if (options.stsEndpoint !== undefined) validateEndpoint(options.stsEndpoint, "stsEndpoint", urlPolicy);
  if (typeof options.credential !== "object" || options.credential === null)
    throw new ValidationError({ field: "credential", value: undefined, rule: "required", message: "credential is required: { accountKey }, { accessToken } or a TokenCredential" });
  positive(options.timeoutMs, "timeoutMs");
  if (options.retry) for (const key of ["maxRetries", "initialDelayMs", "maxDelayMs"] as const) positive(options.retry[key], `retry.${key}`);
  if (options.ca !== undefined && options.fetch !== undefined)
    throw new ValidationError({ field: "ca", value: "[PEM]", rule: "type", message: "ca applies to the built-in transport; a fetch of your own decides itself which CAs it trusts" });

  const endpoint = options.endpoint.replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const own = options.fetch === undefined ? platform(options) : undefined;
  const fetch: FetchLike = options.fetch ?? own!.fetch;
  const shared = {
    fetch,
    exchange: own?.exchange,
    policy: retryPolicy(options.retry),
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    clock,
    random: options.random ?? Math.random,
    userAgent: options.userAgent ? `${options.userAgent} remote-rendering-client` : "remote-rendering-client",
    log: attemptLog(options.logger),
    explain,
  };
  const authorizer = createAuthorizer({
    credential: options.credential,
    accountId: options.accountId,
    origin: new URL(endpoint).origin,
    stsEndpoint: options.stsEndpoint?.replace(/\/+$/, ""),
    accountDomain: options.accountDomain,
    stsTransport: createTransport(shared),
    clock,
  });
  const transport = createTransport({ ...shared, authorizer });
  const raw = createClient<RawPaths, "application/json">({
    baseUrl: endpoint,
    fetch: transport,
    // A fetch of the user's own always gets genuine Requests.
    Request: own?.Request ?? ClientRequest,
    // Every request carries the API version, so neither the façade nor users of raw have to pass it.
    querySerializer: (query) => serializeQuery({ ...query, "api-version": query["api-version"] ?? apiVersion }),
    headers: { accept: "application/json" },
  });
  const context: ClientContext = {
    raw,
    transport,
    accountId: options.accountId,
    endpoint,
    clock,
    stsEndpoint: authorizer.stsEndpoint,
    urlPolicy,
    secrets: () => authorizer.secrets(),
  };
  return {
    sessions: createSessions(context),
    conversions: createConversions(context),
    raw,
    accountId: options.accountId,
    endpoint,
    getAccessToken: (requestOptions) => authorizer.accessToken(requestOptions?.signal),
    close: () => own?.close(),
  };
}
