// Tells a dropped connection (worth a retry) from other failures of fetch.

// Codes of Node's socket layer and of undici for a connection that was cut, not refused.
const resetCodes = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when `error` (or one of its causes) says the connection was reset or closed mid-exchange. */
export function isConnectionReset(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = codeOf(e);
    if (code && resetCodes.has(code)) return true;
    if (e instanceof Error && /other side closed|socket hang up|terminated/i.test(e.message)) return true;
  }
  return false;
}

/** The most specific message in a chain of causes (`connect ECONNREFUSED 127.0.0.1:1` rather than `fetch failed`). */
export function describe(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let e = (error as { cause?: unknown } | null)?.cause, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof Error && e.message) message = e.message;
  return message;
}
