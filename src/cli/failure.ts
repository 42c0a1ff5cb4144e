// Turns what a command threw into an exit code and an error report: service and network errors and waits that
// ended badly exit 1 with code, message and MS-CV; the client's ValidationError is a usage error (exit 2) naming
// the flag. Only the error's own fields are shown — never the request's headers — so no token or key leaks.
import {
  ConversionFailedError,
  isRemoteRenderingError,
  SessionEndedError,
  ValidationError,
} from "../index.js";
import { flagForField } from "./field-flags.js";
import { conversionJson } from "./format.js";
import type { ErrorReport } from "./output.js";

export interface Failure {
  readonly exitCode: 1 | 2;
  readonly report: ErrorReport;
}

type ErrorBody = { readonly code: string; readonly message: string };

export function describeFailure(error: unknown, command: string): Failure {
  if (error instanceof ValidationError) {
    const flag = flagForField(error.field);
    // The library names its option; on the command line the same way out is a flag or a variable.
    const message = error.message.replace("the option allowInsecureHttp: true", "--allow-http (or ARR_ALLOW_HTTP=1)");
    return {
      exitCode: 2,
      report: {
        summary: `${flag}: ${message} (rule: ${error.rule})`,
        details: [`Run 'arr ${command} --help' for usage.`],
        json: { code: "ValidationError", message, flag, field: error.field, rule: error.rule, command },
      },
    };
  }
  if (error instanceof SessionEndedError) {
    const session = error.session;
    return ended(`session '${session.id}' ended in ${session.status}`, error, { sessionStatus: session.status, session });
  }
  if (error instanceof ConversionFailedError) {
    const conversion = error.conversion;
    return ended(`conversion '${conversion.id}' ${conversion.status}`, error, {
      conversionStatus: conversion.status,
      conversion: conversionJson(conversion),
    });
  }
  if (isRemoteRenderingError(error)) {
    const status = error.status === 0 ? "network" : `HTTP ${error.status}`;
    const extra: string[] = [];
    if (error.correlationVector) extra.push(`MS-CV: ${error.correlationVector}`);
    if (error.target) extra.push(`target: ${error.target}`);
    for (const detail of error.details) extra.push(`detail: ${detail.code}: ${detail.message}`);
    if (error.retryAfterSeconds !== undefined) extra.push(`retry after: ${error.retryAfterSeconds} s`);
    return {
      exitCode: 1,
      report: {
        summary: `${error.code}: ${error.message} (${status})`,
        details: extra,
        json: {
          code: error.code,
          message: error.message,
          status: error.status,
          ...(error.correlationVector ? { correlationVector: error.correlationVector } : {}),
          ...(error.target ? { target: error.target } : {}),
          ...(error.details.length > 0 ? { details: error.details } : {}),
          ...(error.innerError ? { innerError: error.innerError } : {}),
          ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
        },
      },
    };
  }
  // Network failures and timeouts the client reports with another class; shown by name and message only.
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return {
    exitCode: 1,
    report: {
      summary: `${name}: ${message}`,
      details: cause ? [`cause: ${cause}`] : [],
      json: { code: name, message, ...(cause ? { cause } : {}) },
    },
  };
}

/**
 * A wait that ended in a terminal state other than the one wanted: exit 1, with the service's reason (the
 * session's or conversion's `error`, whose code the client puts on the error) and the MS-CV of the get that saw it.
 */
function ended(summary: string, error: SessionEndedError | ConversionFailedError, more: Record<string, unknown>): Failure {
  const reason: ErrorBody | undefined = error.innerError;
  return {
    exitCode: 1,
    report: {
      summary: reason ? `${summary}: ${reason.code}: ${reason.message}` : summary,
      details: error.correlationVector ? [`MS-CV: ${error.correlationVector}`] : [],
      json: {
        code: error.code,
        message: reason ? reason.message : summary,
        ...(error.correlationVector ? { correlationVector: error.correlationVector } : {}),
        ...more,
      },
    },
  };
}
