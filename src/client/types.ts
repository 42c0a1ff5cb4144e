// The resource types of the API, taken from generated/ (never re-declared here), plus the shapes of the
// client's own arguments.
import type { components } from "../../generated/remote-rendering.js";

/** A rendering session as the service describes it (`session_properties`). */
export type Session = components["schemas"]["session_properties"];
/**
 * A session that is `Ready`, as `sessions.waitUntilReady` resolves to it: what a client needs to connect —
 * `hostname`, `handshakePort` and `arrInspectorPort` — is always there (a Ready answer without them does not
 * count as ready yet).
 */
export type ReadySession = Omit<Session, "status" | "hostname" | "handshakePort" | "arrInspectorPort"> & {
  readonly status: "Ready";
  readonly hostname: NonNullable<Session["hostname"]>;
  readonly handshakePort: NonNullable<Session["handshakePort"]>;
  readonly arrInspectorPort: NonNullable<Session["arrInspectorPort"]>;
};
/** A model conversion as the service describes it (`conversion`). */
export type Conversion = components["schemas"]["conversion"];
/** Where a conversion reads its model and writes its `.arrAsset` (`conversion_settings`). */
export type ConversionSettings = components["schemas"]["conversion_settings"];
/** Where the input model is (`conversion_input_settings`). */
export type ConversionInputSettings = components["schemas"]["conversion_input_settings"];
/** Where the converted asset goes (`conversion_output_settings`). */
export type ConversionOutputSettings = components["schemas"]["conversion_output_settings"];
/** `Standard` or `Premium`. */
export type SessionSize = components["schemas"]["session_size"];
/** `Starting`, `Ready`, `Stopped`, `Expired` or `Error` (the last three are terminal). */
export type SessionStatus = components["schemas"]["session_status"];
/** `NotStarted`, `Running`, `Succeeded`, `Failed` or `Cancelled` (the last three are terminal). */
export type ConversionStatus = components["schemas"]["conversion_status"];
/** The body of Create Session: `size` and `maxLeaseTimeMinutes`. */
export type CreateSessionSettings = components["schemas"]["create_session_settings"];
/** The body of Update Session: the new `maxLeaseTimeMinutes`. */
export type UpdateSessionSettings = components["schemas"]["update_session_settings"];

/** Options every method accepts as its last argument. */
export interface RequestOptions {
  /** Aborts the call (and any wait inside it); it then rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/** Options of the pollers `sessions.waitUntilReady` and `conversions.waitUntilDone`. */
export interface WaitOptions<T> extends RequestOptions {
  /**
   * Milliseconds between polls when the service sends no `Retry-After` (which wins when present). Default:
   * 2 000 for Standard sessions, 10 000 for Premium sessions and for conversions.
   */
  intervalMs?: number | undefined;
  /** Called with every state observed, the first and the last included. */
  onProgress?: ((state: T) => void) | undefined;
}

/**
 * The result of a `list()`: iterate it with `for await` to get every item across all pages (it follows
 * `@nextLink`), or call `byPage()` to get one array per page.
 */
export interface PagedAsyncIterable<T> extends AsyncIterable<T> {
  /** One array of items per page, in order. */
  byPage(): AsyncIterable<T[]>;
}
