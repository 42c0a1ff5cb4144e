// Polling: waitUntilReady with its default intervals against the emulator (startup 5 s, throttle 5): how many
// GETs it makes, how many 429s it draws, and how late it notices Ready.
import { createRemoteRenderingClient } from "../../src/index.js";
import { startEmulator, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY } from "../../src/emulator/index.js";

export interface PollingFigures {
  gets: number;
  throttled: number;
  expectedGets: number;
  intervalMs: number;
  detectionDelayMs: number;
}

export async function measurePolling(): Promise<PollingFigures> {
  const startupSeconds = 5;
  const emulator = await startEmulator({ startupSeconds, throttle: 5 });
  let gets = 0;
  let throttled = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (request.method === "GET" && new URL(request.url).pathname.includes("/sessions/")) {
      gets++;
      if (response.status === 429) throttled++;
    }
    return response;
  };
  try {
    const client = createRemoteRenderingClient({
      endpoint: emulator.url,
      stsEndpoint: emulator.url,
      accountId: DEVELOPMENT_ACCOUNT_ID,
      accountDomain: "emulator.mixedreality.azure.com",
      credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY },
      fetch: countingFetch,
    });
    await client.sessions.create("polling-bench", { size: "Standard", maxLeaseTimeMinutes: 10 });
    const readyAt = performance.now() + startupSeconds * 1000;
    await client.sessions.waitUntilReady("polling-bench");
    const detectionDelayMs = Math.max(0, performance.now() - readyAt);
    const intervalMs = 2000;
    return { gets, throttled, expectedGets: Math.ceil((startupSeconds * 1000) / intervalMs) + 1, intervalMs, detectionDelayMs };
  } finally {
    await emulator.close();
  }
}
