// The CLI's node:http fetch against a local server: what the client relies on (status, headers, bodies, 204,
// abort, a response cut off) must behave as with the global fetch.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { httpFetch } from "../../src/cli/http-fetch.js";

let server: Server;
let base = "";
before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/echo") {
        res.writeHead(201, { "content-type": "application/json", "ms-cv": "abc.1", "x-method": req.method ?? "" });
        res.end(JSON.stringify({ body: Buffer.concat(chunks).toString(), type: req.headers["content-type"], auth: req.headers.authorization }));
      } else if (req.url === "/empty") {
        res.writeHead(204, { "ms-cv": "abc.2" }).end();
      } else if (req.url === "/cut") {
        res.writeHead(200, { "content-length": "100" });
        res.write("partial");
        setTimeout(() => res.destroy(), 20);
      } else {
        // /slow: never answers; only an abort ends it.
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test("sends method, headers and body; returns status, headers and body", async () => {
  const request = new Request(`${base}/echo`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: "Bearer t" },
    body: JSON.stringify({ a: 1 }),
  });
  const response = await httpFetch(request);
  assert.equal(response.status, 201);
  assert.equal(response.headers.get("MS-CV"), "abc.1");
  assert.equal(response.headers.get("x-method"), "PUT");
  assert.deepEqual(await response.json(), { body: '{"a":1}', type: "application/json", auth: "Bearer t" });
});

test("204 has no body", async () => {
  const response = await httpFetch(new Request(`${base}/empty`, { method: "POST" }));
  assert.equal(response.status, 204);
  assert.equal(response.body, null);
  assert.equal(response.headers.get("ms-cv"), "abc.2");
});

test("an abort rejects with the signal's reason; a cut-off response rejects", async () => {
  const controller = new AbortController();
  const reason = new Error("stop");
  setTimeout(() => controller.abort(reason), 50);
  await assert.rejects(httpFetch(new Request(`${base}/slow`), { signal: controller.signal }), (e: unknown) => e === reason);
  await assert.rejects(httpFetch(new Request(`${base}/cut`)), /hang up|aborted|closed/i);
  await assert.rejects(httpFetch(new Request("http://127.0.0.1:9/")), /ECONNREFUSED/);
});
