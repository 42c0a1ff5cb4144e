// `arr emulator --verbose` (option `verbose`): one log line per request — method, path, status, duration,
// MS-CV, account, and why a refused request was refused. Only the path is logged: never the query, a header
// or a body, so no token, key or SAS can reach the log.
import type { IncomingMessage } from "node:http";

export interface RequestRecord {
  readonly method: string;
  /** The request target as received (the query is cut off here). */
  readonly url: string;
  readonly status: number;
  readonly ms: number;
  readonly cv: string;
  readonly reason: string | undefined;
}

const ACCOUNT = /^\/accounts\/([0-9a-f-]{1,36})(?:\/|$)/i;

/** The path without its query, control characters escaped and cut at 200 characters. */
function loggedPath(url: string): string {
  const q = url.search(/[?#]/);
  const path = q < 0 ? url : url.slice(0, q);
  // eslint-disable-next-line no-control-regex
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** `GET /accounts/<id>/sessions/s1 → 404 in 0.4 ms  MS-CV …  account <id>  refused: NotFound: …`. */
export function requestLine(record: RequestRecord): string {
  const path = loggedPath(record.url);
  const account = ACCOUNT.exec(path)?.[1]?.toLowerCase() ?? "-";
  const method = /^[A-Z]{1,10}$/.test(record.method) ? record.method : "?";
  const refused = record.status >= 400 && record.reason !== undefined ? `  refused: ${record.reason}` : "";
  return `${method} ${path} → ${record.status} in ${record.ms.toFixed(1)} ms  MS-CV ${record.cv}  account ${account}${refused}`;
}

/** Logs `req` once its response has been sent (or the connection dropped). */
export function logWhenDone(
  req: IncomingMessage,
  res: { once(event: "close", listener: () => void): unknown; readonly statusCode: number },
  cv: string,
  reason: () => string | undefined,
  log: (line: string) => void,
): void {
  const started = performance.now();
  res.once("close", () => {
    log(requestLine({ method: req.method ?? "", url: req.url ?? "/", status: res.statusCode, ms: performance.now() - started, cv, reason: reason() }));
  });
}
