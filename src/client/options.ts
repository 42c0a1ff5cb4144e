// The options of createRemoteRenderingClient.
import type { RemoteRenderingCredential } from "../auth/credentials.js";
import type { Clock } from "../transport/clock.js";
import type { RetryOptions } from "../transport/retry-policy.js";
import type { FetchLike } from "../transport/transport.js";

/** How to reach and authenticate to an Azure Remote Rendering account. */
export interface RemoteRenderingClientOptions {
  /**
   * The rendering endpoint, e.g. `https://remoterendering.eastus.mixedreality.azure.com`. Must be https;
   * plain http is allowed for loopback hosts only (a local emulator at `http://127.0.0.1:<port>`).
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
  /** The Mixed Reality STS; default `https://sts.<accountDomain>`. https, or http on a loopback host. */
  stsEndpoint?: string | undefined;
  /** The fetch to send requests with (default: the global fetch). It must honour `init.signal`. */
  fetch?: FetchLike | undefined;
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
}
