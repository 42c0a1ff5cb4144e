// Everything the package exports except createRemoteRenderingClient, whose default transport differs by runtime:
// index.ts (Node) and index.browser.ts (browsers and other runtimes) each add theirs. Re-exports only.
export type { RemoteRenderingClient } from "./client/build-client.js";
export type { RemoteRenderingClientOptions } from "./client/options.js";
export type { SessionsClient } from "./client/sessions.js";
export type { KeepAliveOptions, KeepAliveResult } from "./client/keep-alive.js";
export { remainingLeaseMinutes } from "./client/lease.js";
export {
  createSessionWithFallback,
  SessionFallbackError,
  type FallbackAttempt,
  type FallbackCandidate,
  type FallbackOptions,
  type FallbackResult,
} from "./client/fallback.js";
export type { ConversionsClient } from "./client/conversions.js";
export type { RawClient, RawPaths } from "./client/raw.js";
export type {
  Session,
  ReadySession,
  Conversion,
  ConversionSettings,
  ConversionInputSettings,
  ConversionOutputSettings,
  SessionSize,
  SessionStatus,
  ConversionStatus,
  CreateSessionSettings,
  UpdateSessionSettings,
  RequestOptions,
  WaitOptions,
  PagedAsyncIterable,
} from "./client/types.js";
export type {
  RemoteRenderingCredential,
  AccountKeyCredential,
  AccessTokenCredential,
  TokenCredential,
  AccessToken,
} from "./auth/credentials.js";
export type { Clock } from "./transport/clock.js";
export type { ClientLogger } from "./transport/attempt-log.js";
export type { RetryOptions } from "./transport/retry-policy.js";
export type { FetchLike } from "./transport/transport.js";
export { RemoteRenderingError, type RemoteRenderingErrorInit } from "./errors/remote-rendering-error.js";
export { ValidationError, type ValidationRule, type ValidationErrorInit } from "./errors/validation-error.js";
export { SessionEndedError, ConversionFailedError, type ObservedBy } from "./errors/ended-errors.js";
export { isRemoteRenderingError } from "./errors/guards.js";
export type { ErrorBody, ErrorDetail, ErrorResponse } from "./errors/error-body.js";
