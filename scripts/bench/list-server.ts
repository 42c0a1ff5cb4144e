// A server of one account's sessions list for the listing benchmark: `total` sessions in pages of 50 with an
// absolute `@nextLink` (`$skipToken` = the page number), as the service pages them. Every page is serialised
// once at start-up, so the server costs the client-side figure nothing but the wire.
// Run: node --import tsx scripts/bench/list-server.ts [total]  → prints `Listing server on http://127.0.0.1:<port>`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const listAccountId = "30ea64bd-100f-4bf0-adc9-29fa45d4880c";
const total = Number(process.argv[2] ?? 10_000);
const pageSize = 50;

const server = createServer((req, res) => {
  req.resume();
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname !== `/accounts/${listAccountId}/sessions`) {
    res.writeHead(404).end();
    return;
  }
  const page = pages[Number(url.searchParams.get("$skipToken") ?? 0)];
  if (page === undefined) res.writeHead(400).end();
  else res.writeHead(200, { "content-type": "application/json", "content-length": page.length }).end(page);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const pages: Buffer[] = [];
for (let first = 0, n = 0; first < total; first += pageSize, n++) {
  const sessions = Array.from({ length: Math.min(pageSize, total - first) }, (_, i) => ({
    id: `session-${first + i}`,
    creationTime: "2026-11-25T10:00:00.000Z",
    maxLeaseTimeMinutes: 60,
    size: "Standard",
    status: "Ready",
    elapsedTimeMinutes: 12,
    hostname: `${first + i}.remoterenderingvm.eastus.mixedreality.azure.com`,
    handshakePort: 50051,
    arrInspectorPort: 50052,
    teraflops: 10.6,
    error: null,
  }));
  const more = first + pageSize < total;
  const nextLink = more ? `${base}/accounts/${listAccountId}/sessions?api-version=2021-01-01&$skipToken=${n + 1}` : null;
  pages.push(Buffer.from(JSON.stringify({ sessions, "@nextLink": nextLink })));
}
console.log(`Listing server on ${base}`);
