// Per-call client cost: CPU microseconds this process spends per `GET session`, for our client and its baselines,
// against a bare node:http server in another process that answers a fixed session.
import http from "node:http";
import createClient from "openapi-fetch";
import { createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest } from "@azure/core-rest-pipeline";
import type { paths } from "../../generated/remote-rendering.js";
// Our client as users run it: the compiled dist/ (npm run bench builds it first), typed from the sources. Through
// tsx, every function created per call would pay for a naming wrapper the shipped JavaScript does not have.
const { createRemoteRenderingClient } = (await import(new URL("../../dist/src/index.js", import.meta.url).href)) as typeof import("../../src/index.js");
import { summarize, type Summary } from "./stats.js";

export const accountId = "30ea64bd-100f-4bf0-adc9-29fa45d4880c";
export const sessionId = "bench-session";
const accessToken = "bench-token";

export type Call = () => Promise<unknown>;

/** One GET of the fixed session through each client, all with the same URL, auth header and JSON parsing. */
export function makeCalls(baseUrl: string): Record<string, Call> {
  const url = `${baseUrl}/accounts/${accountId}/sessions/${sessionId}?api-version=2021-01-01`;
  const headers = { Authorization: `Bearer ${accessToken}` };

  const ours = createRemoteRenderingClient({
    endpoint: baseUrl,
    accountId,
    accountDomain: "eastus.mixedreality.azure.com",
    credential: { accessToken },
  });

  const oursOnFetch = createRemoteRenderingClient({
    endpoint: baseUrl,
    accountId,
    accountDomain: "eastus.mixedreality.azure.com",
    credential: { accessToken },
    fetch: (input, init) => globalThis.fetch(input, init),
  });

  const bare = createClient<paths>({ baseUrl, headers });

  const pipeline = createPipelineFromOptions({});
  const httpClient = createDefaultHttpClient();

  const agent = new http.Agent({ keepAlive: true });
  const target = new URL(url);

  return {
    "our client": () => ours.sessions.get(sessionId),
    "our client on the global fetch": () => oursOnFetch.sessions.get(sessionId),
    "bare openapi-fetch": async () => {
      const { data, response } = await bare.GET("/accounts/{account_id}/sessions/{session_id}", {
        params: { path: { account_id: accountId, session_id: sessionId }, query: { "api-version": "2021-01-01" } },
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return data;
    },
    "raw fetch": async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return JSON.parse(await response.text());
    },
    "@azure/core-rest-pipeline": async () => {
      const request = createPipelineRequest({ url, headers: createHttpHeaders(headers), allowInsecureConnection: true });
      const response = await pipeline.sendRequest(httpClient, request);
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      return JSON.parse(response.bodyAsText ?? "null");
    },
    "node:http keep-alive": () =>
      new Promise((resolve, reject) => {
        const request = http.request(target, { agent, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
            } catch (e) {
              reject(e);
            }
          });
        });
        request.on("error", reject);
        request.end();
      }),
  };
}

/** CPU time of this process (user + system, µs) per call over `count` calls with `concurrency` in flight. */
export async function cpuPerCall(call: Call, count: number, concurrency: number): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await call();
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/**
 * Runs every variant `repetitions` times, interleaved (the order rotates each round so no variant always runs
 * first), and returns each variant's summary plus the per-round ratio of one variant to another.
 */
export async function measureInterleaved(
  calls: Record<string, Call>,
  options: { repetitions: number; count: number; concurrency: number; warmup: number },
): Promise<Record<string, Summary & { perRound: number[] }>> {
  const names = Object.keys(calls);
  const perRound: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) await cpuPerCall(calls[name]!, options.warmup, options.concurrency);
  for (let round = 0; round < options.repetitions; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) perRound[name]!.push(await cpuPerCall(calls[name]!, options.count, options.concurrency));
  }
  return Object.fromEntries(names.map((n) => [n, { ...summarize(perRound[n]!), perRound: perRound[n]! }]));
}

export function pairedRatio(a: number[], b: number[]): Summary {
  return summarize(a.map((value, i) => value / b[i]!));
}
