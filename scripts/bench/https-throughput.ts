// Emulator throughput over https (issue 12): `arr emulator --https` (an authenticated GET session, keep-alive)
// against a bare node:https server with the same certificate answering a fixed body, interleaved rounds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServerProcess, root } from "./processes.js";
import { load } from "./throughput.js";

export interface HttpsThroughput {
  readonly emulator: number[];
  readonly bare: number[];
}

export async function measureHttpsThroughput(options: { seconds: number; rounds: number; sessionId: string; log: (line: string) => void }): Promise<HttpsThroughput> {
  const dataDir = mkdtempSync(join(tmpdir(), "arr-bench-https-"));
  const emulator = await startServerProcess([join(root, "dist/src/cli/main.js"), "emulator", "--https", "--data-dir", dataDir, "--port", "0", "--startup-seconds", "0"]);
  const tls = join(dataDir, "tls");
  const bare = await startServerProcess(["--import", "tsx", "scripts/bench/https-server.ts", join(tls, "server.pem"), join(tls, "server-key.pem")]);
  try {
    const { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY } = await import("../../src/emulator/index.js");
    const { caFetch } = await import("../../test/support/ca-fetch.js");
    const { readFileSync } = await import("node:fs");
    const client = caFetch(readFileSync(join(tls, "ca.pem"), "utf8"));
    const token = await client
      .fetch(`${emulator.url}/Accounts/${DEVELOPMENT_ACCOUNT_ID}/token?api-version=2019-02-28-preview`, {
        headers: { Authorization: `Bearer ${DEVELOPMENT_ACCOUNT_ID}:${DEVELOPMENT_ACCOUNT_KEY}` },
      })
      .then((r) => r.json() as Promise<{ AccessToken: string }>);
    const headers = { Authorization: `Bearer ${token.AccessToken}` };
    const path = `/accounts/${DEVELOPMENT_ACCOUNT_ID}/sessions/${options.sessionId}?api-version=2021-01-01`;
    const created = await client.fetch(`${emulator.url}${path}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ size: "Standard", maxLeaseTimeMinutes: 60 }),
    });
    client.close();
    if (created.status !== 201) throw new Error(`creating the benchmark session answered ${created.status}`);
    const result: HttpsThroughput = { emulator: [], bare: [] };
    for (let round = 0; round < options.rounds; round++) {
      options.log(`emulator throughput over https, round ${round + 1}/${options.rounds}…`);
      const a = await load(`${emulator.url}${path}`, headers, options.seconds, 64);
      const b = await load(`${bare.url}${path}`, headers, options.seconds, 64);
      if (a.non2xx || a.errors) throw new Error(`the https emulator answered ${a.non2xx} non-2xx and ${a.errors} errors under load`);
      result.emulator.push(a.requestsPerSecond);
      result.bare.push(b.requestsPerSecond);
    }
    return result;
  } finally {
    await Promise.all([emulator.stop(), bare.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
