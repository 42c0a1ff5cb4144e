// The public face of the package in browsers and other runtimes (package.json `exports`): index.ts with a
// createRemoteRenderingClient whose default transport is the global fetch. Re-exports only.
export { createRemoteRenderingClient } from "./client/create-client-browser.js";
export type { RemoteRenderingClient } from "./client/create-client.js";
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
export type { RetryOptions } from "./transport/retry-policy.js";
export type { FetchLike } from "./transport/transport.js";
export { RemoteRenderingError, type RemoteRenderingErrorInit } from "./errors/remote-rendering-error.js";
export { ValidationError, type ValidationRule, type ValidationErrorInit } from "./errors/validation-error.js";
export { SessionEndedError, ConversionFailedError, type ObservedBy } from "./errors/ended-errors.js";
export { isRemoteRenderingError } from "./errors/guards.js";
export type { ErrorBody, ErrorDetail, ErrorResponse } from "./errors/error-body.js";
