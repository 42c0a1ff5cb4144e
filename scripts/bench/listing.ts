// Listing cost: client CPU for one `sessions.list()` over every page of a large account, for our client and the
// per-call baselines, each following `@nextLink` to the end and parsing every page.
import http from "node:http";
import { createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest } from "@azure/core-rest-pipeline";
import type { Call } from "./percall.js";
const { createRemoteRenderingClient } = (await import(new URL("../../dist/src/index.js", import.meta.url).href)) as typeof import("../../src/index.js");

const accountId = "30ea64bd-100f-4bf0-adc9-29fa45d4880c";
const accessToken = "bench-token";

interface ListPage {
  sessions: unknown[];
  "@nextLink"?: string | null;
}

/** Each variant lists every session and resolves to how many it saw (checked against `expected`). */
export function makeListings(baseUrl: string, expected: number): Record<string, Call> {
  const first = `${baseUrl}/accounts/${accountId}/sessions?api-version=2021-01-01`;
  const headers = { Authorization: `Bearer ${accessToken}` };
  const ours = createRemoteRenderingClient({ endpoint: baseUrl, accountId, accountDomain: "eastus.mixedreality.azure.com", credential: { accessToken } });
  const pipeline = createPipelineFromOptions({});
  const httpClient = createDefaultHttpClient();
  const agent = new http.Agent({ keepAlive: true });
  const check = (count: number) => {
    if (count !== expected) throw new Error(`listed ${count} sessions, expected ${expected}`);
    return count;
  };
  const follow = async (get: (url: string) => Promise<ListPage>) => {
    let count = 0;
    for (let url: string | null | undefined = first; url; ) {
      const page: ListPage = await get(url);
      count += page.sessions.length;
      url = page["@nextLink"];
    }
    return check(count);
  };

  return {
    "our client": async () => {
      let count = 0;
      for await (const _ of ours.sessions.list()) count++;
      return check(count);
    },
    "@azure/core-rest-pipeline": () =>
      follow(async (url) => {
        const response = await pipeline.sendRequest(httpClient, createPipelineRequest({ url, headers: createHttpHeaders(headers), allowInsecureConnection: true }));
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        return JSON.parse(response.bodyAsText ?? "null") as ListPage;
      }),
    "node:http keep-alive": () =>
      follow(
        (url) =>
          new Promise<ListPage>((resolve, reject) => {
            const request = http.request(url, { agent, headers }, (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (c: Buffer) => chunks.push(c));
              response.on("end", () => {
                try {
                  resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as ListPage);
                } catch (e) {
                  reject(e);
                }
              });
            });
            request.on("error", reject);
            request.end();
          }),
      ),
  };
}
