// What every ARR operation handler receives: the authorised, validated request and the emulator's parts.
import type { ConversionOutcomes } from "./conversion-outcome.js";
import type { ConversionTiming } from "./conversion-view.js";
import type { Reply } from "./reply.js";
import type { SessionTiming } from "./session-view.js";
import type { SessionSize, Store } from "./store.js";

export interface OperationRequest {
  /** The account of the path, lower case, already checked against the token. */
  readonly accountId: string;
  /** Path parameters, decoded and validated. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed and validated JSON body, or undefined for operations without one. */
  readonly body: unknown;
  /** The clock's time when the request was taken up. */
  readonly now: number;
  /**
   * The origin the request came to (from its `Host`, else the emulator's own URL), for `@nextLink`s: a
   * client that reached the emulator as `localhost` or through a proxy is sent back the same way.
   */
  readonly origin: string;
}

export interface OperationEnv {
  readonly store: Store;
  readonly timing: SessionTiming & ConversionTiming;
  /** The emulator's own URL, for `@nextLink`s of requests without a usable `Host`. */
  readonly baseUrl: () => string;
  /** Settles conversions whose time is up through the storage in use (simulated or real). */
  readonly outcomes: ConversionOutcomes;
  /** Storage account names (lower case) that conversions may use without SAS tokens. */
  readonly linkedStorage: readonly string[];
  /** Whether Get Conversion sends `Retry-After` (off by default, as the service never sent it). */
  readonly conversionRetryAfter: boolean;
  /** How many Starting/Ready sessions of a size this region may hold; undefined: no limit. */
  readonly capacity?: ((size: SessionSize) => number | undefined) | undefined;
}

/** Synchronous, but for reads that must first wait for real storage work (a conversion's end). */
export type OperationHandler = (request: OperationRequest, env: OperationEnv) => Reply | Promise<Reply>;

/** The path parameter `name`; the route guarantees it exists. */
export function param(request: OperationRequest, name: string): string {
  return request.params[name] ?? "";
}
