// `arr sessions create <id> --size Standard,Premium --region-endpoint <url>,<url> --wait`: one client per regional
// endpoint, candidates ordered by size first (every endpoint with the cheaper size before the next size), handed
// to the library's createSessionWithFallback. Each attempt's progress goes to stderr.
import { createSessionWithFallback, type FallbackCandidate, type FallbackResult, type RemoteRenderingClient, type SessionSize } from "../index.js";
import { stringFlag, type ParsedCommand } from "./args.js";
import { connect } from "./client.js";
import type { Connection } from "./connection.js";
import { createProgress, type Progress } from "./progress.js";
import { UsageError } from "./usage-error.js";

/** The regional endpoints of --region-endpoint, or undefined when the flag is absent. */
export function regionEndpoints(parsed: ParsedCommand, command: string): string[] | undefined {
  const text = stringFlag(parsed, "region-endpoint");
  if (text === undefined) return undefined;
  if (stringFlag(parsed, "endpoint") !== undefined) {
    throw new UsageError("give --endpoint or --region-endpoint, not both", { flag: "--region-endpoint", rule: "oneOf", command });
  }
  const endpoints = text.split(",").map((e) => e.trim());
  if (endpoints.some((e) => e === "")) {
    throw new UsageError("--region-endpoint must be a comma-separated list of URLs", { flag: "--region-endpoint", rule: "pattern", command });
  }
  return endpoints;
}

/** Creates the session in the first (size, endpoint) with a free server, waiting until it is Ready. */
export async function createWithFallback(
  connection: Connection,
  endpoints: readonly string[],
  sizes: readonly SessionSize[],
  id: string,
  maxLeaseTimeMinutes: number,
  signal: AbortSignal,
): Promise<FallbackResult> {
  const clients: RemoteRenderingClient[] = endpoints.map((endpoint) => connect({ ...connection, endpoint }));
  const candidates: FallbackCandidate[] = sizes.flatMap((size) => clients.map((client) => ({ client, size })));
  const progress = new Map<string, Progress>();
  try {
    return await createSessionWithFallback(candidates, id, { maxLeaseTimeMinutes }, {
      signal,
      onProgress: (session, at) => {
        const key = `${at.endpoint} ${at.id}`;
        let p = progress.get(key);
        if (p === undefined) progress.set(key, (p = createProgress(`session ${at.id} (${at.size}) at ${at.endpoint}`)));
        p.update(session.status);
      },
    });
  } finally {
    for (const p of progress.values()) p.stop();
  }
}
