// The options of createRemoteRenderingClient.
import type { RemoteRenderingCredential } from "../auth/credentials.js";
import type { ClientLogger } from "../transport/attempt-log.js";
import type { Clock } from "../transport/clock.js";
import type { RetryOptions } from "../transport/retry-policy.js";
import type { FetchLike } from "../transport/transport.js";

/** How to reach and authenticate to an Azure Remote Rendering account. */
export interface RemoteRenderingClientOptions {
  /**
   * The rendering endpoint, e.g. `https://remoterendering.eastus.mixedreality.azure.com`. Must be https;
   * plain http is allowed for loopback hosts only (a local emulator at `http://127.0.0.1:<port>`), or for any
   * host with `allowInsecureHttp`.
   */
  endpoint: string;
  /** The account id (a UUID). */
  accountId: string;
  /**
   * The account's domain, e.g. `eastus.mixedreality.azure.com` (not a bare region such as `eastus`). Needed
   * with an account key unless `stsEndpoint` is given, and always with a TokenCredential (its scope is
   * `https://sts.<accountDomain>/.default`).
   */
  accountDomain?: string | undefined;
  /** `{ accountKey }`, `{ accessToken }` or any Azure TokenCredential. */
  credential: RemoteRenderingCredential;
  /** The Mixed Reality STS; default `https://sts.<accountDomain>`. https, or http on a loopback host (any host with `allowInsecureHttp`). */
  stsEndpoint?: string | undefined;
  /**
   * The fetch to send requests with. Default: on Node, the package's own keep-alive transport over
   * `node:http`/`node:https` (one agent per client, see `maxSockets`, `ca` and `close()`); elsewhere the
   * global fetch. A fetch given here must honour `init.signal`; it decides itself which CAs it trusts.
   */
  fetch?: FetchLike | undefined;
  /**
   * Certificates (PEM, one string or an array) of a private certificate authority to trust in addition to
   * Node's bundled roots, e.g. the development CA of a local HTTPS emulator. Node transport only: a
   * ValidationError with a `fetch` of your own or outside Node. There is no switch that turns verification off.
   */
  ca?: string | readonly string[] | undefined;
  /** Most connections the Node transport keeps open per origin (default 16); further calls queue. */
  maxSockets?: number | undefined;
  /** Retry settings, or `false` for a single attempt per call. */
  retry?: RetryOptions | false | undefined;
  /** Time limit of one attempt in ms, answer body included (default 30 000; 0 for none). A timeout is not retried. */
  timeoutMs?: number | undefined;
  /** Prepended to the client's `User-Agent` (where the platform lets it be set). */
  userAgent?: string | undefined;
  /** The clock every wait goes through (backoff, Retry-After, polling, token expiry); inject one in tests. */
  clock?: Clock | undefined;
  /** Source of the backoff jitter, returning values in [0, 1) (default `Math.random`). */
  random?: (() => number) | undefined;
  /**
   * Allows plain `http` to hosts other than loopback — for the endpoint, the STS and storage container URIs
   * alike — e.g. an emulator in another container (`http://emulator:8080`). Credentials and SAS then cross
   * the network unencrypted: never use it with a real account. Default false.
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Receives one debug line per attempt (method, path, status, duration, MS-CV) and per retry wait, never a
   * secret; `console` fits as is. Without it, `ARR_LOG=debug` in the environment (Node) logs to stderr.
   */
  logger?: ClientLogger | undefined;
}
