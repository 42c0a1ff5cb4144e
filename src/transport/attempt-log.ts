// Debug logging of the client, like the Azure SDKs' AZURE_LOG_LEVEL: one line per attempt (method, path,
// status, duration, MS-CV) and per retry wait. Only the path is logged — never the query, a header or a body —
// so no token, key or SAS can reach a log.

/** Receives the client's debug lines; `console` fits as is. */
export interface ClientLogger {
  /** Receives one line: an attempt (method, path, status, duration, MS-CV) or a retry wait. */
  debug(message: string): void;
}

/** A line writer, or undefined when logging is off (the transport then formats nothing). */
export type AttemptLog = ((line: string) => void) | undefined;

const PREFIX = "remote-rendering-client:";

/** The logger option, else `ARR_LOG=debug` (Node only) logging to stderr through console.error, else off. */
export function attemptLog(logger: ClientLogger | undefined): AttemptLog {
  if (logger !== undefined) return (line) => logger.debug(`${PREFIX} ${line}`);
  const level = typeof process === "undefined" ? undefined : process.env?.["ARR_LOG"];
  if (level?.toLowerCase() === "debug") return (line) => console.error(`${PREFIX} ${line}`);
  return undefined;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "(not a URL)";
  }
}

/** `GET /accounts/…/sessions/s1 → 200 in 12 ms (MS-CV abc.1)`. */
export function answeredLine(method: string, url: string, status: number, ms: number, cv: string | null): string {
  return `${method} ${pathOf(url)} → ${status} in ${Math.round(ms)} ms${cv ? ` (MS-CV ${cv})` : ""}`;
}

/** `GET /accounts/…/sessions/s1 → NetworkError in 3 ms: connect ECONNREFUSED 127.0.0.1:9`. */
export function failedLine(method: string, url: string, code: string, ms: number, message: string): string {
  return `${method} ${pathOf(url)} → ${code} in ${Math.round(ms)} ms: ${message}`;
}

/** `retrying GET /accounts/…/sessions/s1 in 500 ms (attempt 2)`. */
export function retryLine(method: string, url: string, waitMs: number, attempt: number): string {
  return `retrying ${method} ${pathOf(url)} in ${Math.round(waitMs)} ms (attempt ${attempt})`;
}
