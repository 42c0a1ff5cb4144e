// Type guards: one error type to catch, narrowed by status.
import { RemoteRenderingError } from "./remote-rendering-error.js";

/**
 * True when `e` is a {@link RemoteRenderingError}; with `status`, only when it has that status, and then
 * `e.status` is narrowed to the literal and `e.body` to the error body the spec declares for it
 * (`undefined` for status 0, a network failure or timeout).
 *
 * @example
 * ```ts
 * try {
 *   await client.sessions.create("my-session", { size: "Standard", maxLeaseTimeMinutes: 60 });
 * } catch (e) {
 *   if (isRemoteRenderingError(e, 409)) console.log(e.status, e.body?.error.message); // 409, "…"
 *   else throw e;
 * }
 * ```
 */
export function isRemoteRenderingError(e: unknown): e is RemoteRenderingError;
/** {@inheritDoc isRemoteRenderingError} */
export function isRemoteRenderingError<const S extends number>(e: unknown, status: S): e is RemoteRenderingError<S>;
export function isRemoteRenderingError(e: unknown, status?: number): boolean {
  return e instanceof RemoteRenderingError && (status === undefined || e.status === status);
}
