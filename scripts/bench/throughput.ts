// Emulator throughput: requests/s of an authenticated GET session with autocannon, against a bare node:http
// server answering a fixed body, same machine, same run.
import autocannon from "autocannon";

export interface LoadFigures {
  requestsPerSecond: number;
  /** Requests answered in the whole run. */
  requests: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function load(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadFigures> {
  const result = await autocannon({ url, headers, duration: seconds, connections, pipelining: 1 });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
