// The baseline of the https throughput row: a bare node:https server answering every request with a fixed
// session body, with the same certificate and key as the emulator under test (argv: cert file, key file).
// Prints `Bare https server listening on https://127.0.0.1:<port>` and stops on SIGTERM/SIGINT.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { sampleSession } from "../../test/support/scripted-server.js";

const [certFile, keyFile] = process.argv.slice(2);
if (certFile === undefined || keyFile === undefined) throw new Error("usage: https-server.ts <cert.pem> <key.pem>");
const body = JSON.stringify(sampleSession);
const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "ms-cv": "Bn2MZwrqxE26LkaXCbwxvQ.0" });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`Bare https server listening on https://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
