// What the pollers reject with when the awaited resource reached a terminal state other than the hoped-for one.
import type { components } from "../../generated/remote-rendering.js";
import { redact } from "./redact.js";
import { RemoteRenderingError, type RemoteRenderingErrorInit } from "./remote-rendering-error.js";

type Session = components["schemas"]["session_properties"];
type Conversion = components["schemas"]["conversion"];

/** Where the observation that ended a wait came from: the get's correlation vector, method and path. */
export type ObservedBy = Pick<RemoteRenderingErrorInit, "correlationVector" | "method" | "path" | "operation">;

/**
 * `sessions.waitUntilReady` saw the session end (`Error`, `Expired` or `Stopped`) instead of becoming `Ready`.
 * `.session` is the last session seen; `code` is the session's `error.code` when it has one, else
 * `Session<status>` (`SessionExpired`, `SessionStopped`, `SessionError`). `status` is that of the get that
 * observed it (200).
 *
 * @example
 * ```ts
 * try {
 *   await client.sessions.waitUntilReady("my-session");
 * } catch (e) {
 *   if (e instanceof SessionEndedError) console.log(e.session.status, e.session.error?.message);
 * }
 * ```
 */
export class SessionEndedError extends RemoteRenderingError<200> {
  /** The last session seen, in its terminal state. */
  readonly session: Session;

  /** Builds the error from the session seen in a terminal state. */
  constructor(session: Session, observedBy: ObservedBy) {
    const why = session.error ? `: ${redact(session.error.message)}` : "";
    super({
      ...observedBy,
      status: 200,
      code: session.error?.code ?? `Session${session.status}`,
      message: `Session ${session.id} ended with status ${session.status} instead of becoming Ready${why}`,
      innerError: session.error ?? undefined,
    });
    this.name = "SessionEndedError";
    this.session = session;
  }
}

/**
 * `conversions.waitUntilDone` saw the conversion end `Failed` or `Cancelled`. `.conversion` is the last
 * conversion seen; `code` is its `error.code` (e.g. `ConversionProcessFailed`) when it has one, else
 * `Conversion<status>`.
 *
 * @example
 * ```ts
 * try {
 *   await client.conversions.waitUntilDone("robot");
 * } catch (e) {
 *   if (e instanceof ConversionFailedError) console.log(e.code, e.conversion.error?.message);
 * }
 * ```
 */
export class ConversionFailedError extends RemoteRenderingError<200> {
  /** The last conversion seen, in its terminal state. */
  readonly conversion: Conversion;

  /** Builds the error from the conversion seen in a terminal state. */
  constructor(conversion: Conversion, observedBy: ObservedBy) {
    const why = conversion.error ? `: ${redact(conversion.error.message)}` : "";
    super({
      ...observedBy,
      status: 200,
      code: conversion.error?.code ?? `Conversion${conversion.status}`,
      message: `Conversion ${conversion.id} ended with status ${conversion.status}${why}`,
      innerError: conversion.error ?? undefined,
    });
    this.name = "ConversionFailedError";
    this.conversion = conversion;
  }
}
