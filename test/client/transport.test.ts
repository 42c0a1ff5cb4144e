// The transport under the client: on Node the package's keep-alive node:http/node:https fetch, elsewhere the
// global fetch (npm run test:fetch runs this file and the client, reliability and CLI suites against it). What
// both must do alike is here and in errors/retries/faults tests; what only the Node transport has (private CA,
// one bounded agent per client, close()) is checked when it is the one under test.
import assert from "node:assert/strict";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { test } from "node:test";
import { createRemoteRenderingClient, isRemoteRenderingError, ValidationError, type RemoteRenderingClientOptions } from "../../src/index.js";
import { createRemoteRenderingClient as createBrowserClient } from "../../src/index.browser.js";
import { accountId, clientFor, fakeJwt, session, sessionPath } from "../support/arr-fixtures.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { makeTestCertificates } from "../support/test-ca.js";
import { transportUnderTest } from "../support/transport-under-test.js";

const nodeOnly = transportUnderTest === "node" ? {} : { skip: "the Node transport is not the one under test" };
const credential = { accessToken: fakeJwt(4102444800, "static") };

/** A server answering every request with session `s1`, counting the connections it sees and holds open. */
async function countingServer(
  make: (handler: (req: IncomingMessage, res: ServerResponse) => void) => ReturnType<typeof createHttpServer>,
  scheme: "http" | "https",
) {
  const open = new Set<Socket>();
  let connections = 0;
  let mostOpen = 0;
  let release: (() => void) | undefined;
  const server = make((req, res) => {
    req.resume();
    req.on("end", () => {
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(session("s1", "Ready")));
      };
      // While `hold` is on, answers wait, so concurrent calls need concurrent connections.
      if (release === undefined) answer();
      else held.push(answer);
    });
  });
  const held: (() => void)[] = [];
  server.on(scheme === "https" ? "secureConnection" : "connection", (socket: Socket) => {
    connections++;
    open.add(socket);
    mostOpen = Math.max(mostOpen, open.size);
    socket.on("close", () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    get mostOpen() {
      return mostOpen;
    },
    open,
    held,
    hold() {
      release = () => held.splice(0).forEach((answer) => answer());
    },
    release() {
      const r = release;
      release = undefined;
      r?.();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function client(endpoint: string, extra: Partial<RemoteRenderingClientOptions> = {}) {
  return createRemoteRenderingClient({ endpoint, accountId, credential, retry: false, ...extra });
}

test("a redirect is not followed: a NetworkError, not retried, and the Location is never asked", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  t.after(() => client.close());
  for (const status of [301, 302, 303, 307, 308]) {
    server.reset();
    server.always("GET", sessionPath("s1"), { status, headers: { location: `${server.url}${sessionPath("moved")}` } });
    const error = await client.sessions.get("s1").catch((e: unknown) => e);
    assert.ok(isRemoteRenderingError(error, 0), `${status}: ${String(error)}`);
    assert.equal(error.code, "NetworkError");
    assert.deepEqual(server.requests.map((r) => r.path), [sessionPath("s1")], `${status}: one request, to the original path`);
  }
});

test("on the wire: Host names the endpoint, a bodiless POST says content-length 0 (no chunked body), a PATCH its length", async (t) => {
  const seen: { method: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", headers: req.headers, body });
      res.writeHead(req.method === "POST" ? 204 : 200, { "content-type": "application/json" });
      res.end(req.method === "POST" ? undefined : JSON.stringify({ ...session("s1", "Ready"), maxLeaseTimeMinutes: 20 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const client = createRemoteRenderingClient({ endpoint: `http://127.0.0.1:${port}`, accountId, accountDomain: "eastus.mixedreality.azure.com", credential });
  t.after(() => client.close());
  await client.sessions.get("s1");
  await client.sessions.update("s1", { maxLeaseTimeMinutes: 20 });
  await client.sessions.stop("s1");
  assert.deepEqual(
    seen.map((r) => [r.method, r.headers["host"], r.headers["content-length"], r.headers["transfer-encoding"]]),
    [
      ["GET", `127.0.0.1:${port}`, undefined, undefined],
      ["PATCH", `127.0.0.1:${port}`, String(Buffer.byteLength(seen[1]?.body ?? "")), undefined],
      ["POST", `127.0.0.1:${port}`, "0", undefined],
    ],
  );
  assert.deepEqual(JSON.parse(seen[1]?.body ?? "null"), { maxLeaseTimeMinutes: 20 });
});

test("client.raw hands back genuine Response objects, bodies readable", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  t.after(() => client.close());
  server.always("GET", sessionPath("s1"), { body: session("s1", "Ready"), headers: { "ms-cv": "cv.1" } });
  const { data, response } = await client.raw.GET("/accounts/{account_id}/sessions/{session_id}", { params: { path: { account_id: accountId, session_id: "s1" } } });
  assert.ok(response instanceof Response);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("MS-CV"), "cv.1");
  assert.equal(data?.status, "Ready");
  assert.equal((await response.clone().json() as { id: string }).id, "s1");
  const text = await new Response(response.body).text();
  assert.equal(JSON.parse(text).id, "s1");
});

test("a fetch of the user's own is used for every request", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  server.always("GET", sessionPath("s1"), { body: session("s1", "Ready") });
  const seen: string[] = [];
  const { client } = clientFor(server, {
    fetch: (input, init) => {
      seen.push(`${input.method} ${new URL(input.url).pathname}`);
      return globalThis.fetch(input, init);
    },
  });
  await client.sessions.get("s1");
  await client.sessions.get("s1");
  assert.deepEqual(seen, [`GET ${sessionPath("s1")}`, `GET ${sessionPath("s1")}`]);
  client.close(); // nothing of its own to release: a no-op
});

const pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
const rejects = (options: Partial<RemoteRenderingClientOptions>, field: string, rule: string, make = createRemoteRenderingClient) =>
  assert.throws(
    () => make({ endpoint: "http://127.0.0.1:1", accountId, credential, ...options }),
    (e: unknown) => e instanceof ValidationError && e.field === field && e.rule === rule,
    `${field} ${rule}`,
  );

test("ca: PEM strings only, and maxSockets a whole number ≥ 1", nodeOnly, () => {
  rejects({ ca: "not a certificate" }, "ca", "pattern");
  rejects({ ca: [pem, 42 as never] }, "ca[1]", "type");
  rejects({ maxSockets: 0 }, "maxSockets", "minimum");
  rejects({ maxSockets: 1.5 }, "maxSockets", "type");
});

test("ca is refused with a fetch of one's own, and outside the Node transport", () => {
  rejects({ ca: pem, fetch: globalThis.fetch }, "ca", "type");
  rejects({ ca: pem }, "ca", "type", createBrowserClient);
  assert.throws(() => createBrowserClient({ endpoint: "http://127.0.0.1:1", accountId, credential, ca: pem }), /Node transport/);
});

test("HTTPS to a server with a private CA: trusted with `ca`, refused without it or with another CA", nodeOnly, async (t) => {
  const [certs, other] = await Promise.all([makeTestCertificates("Private Test CA"), makeTestCertificates("Other Test CA")]);
  const server = await countingServer((handler) => createHttpsServer({ cert: certs.certPem, key: certs.keyPem }, handler), "https");
  t.after(() => server.close());

  const trusting = client(server.url, { ca: certs.caPem });
  t.after(() => trusting.close());
  assert.equal((await trusting.sessions.get("s1")).status, "Ready");
  const asArray = client(server.url, { ca: [other.caPem, certs.caPem] });
  t.after(() => asArray.close());
  assert.equal((await asArray.sessions.get("s1")).status, "Ready");

  for (const [label, options] of [["no ca", {}], ["another CA", { ca: other.caPem }]] as const) {
    const refusing = client(server.url, { ...options, retry: { maxRetries: 3, initialDelayMs: 0, maxDelayMs: 0 } });
    const error = await refusing.sessions.get("s1").catch((e: unknown) => e);
    refusing.close();
    assert.ok(isRemoteRenderingError(error, 0), `${label}: ${String(error)}`);
    assert.equal(error.code, "NetworkError");
    assert.match(error.message, /certificate/i, label);
  }
  assert.equal(server.connections, 2, "one connection per trusting client; refused handshakes never count, nor are they retried");
});

test("one keep-alive agent per client: calls reuse a connection, and at most maxSockets are open", nodeOnly, async (t) => {
  const server = await countingServer((handler) => createHttpServer(handler), "http");
  t.after(() => server.close());
  const sequential = client(server.url);
  t.after(() => sequential.close());
  for (let i = 0; i < 20; i++) await sequential.sessions.get("s1");
  assert.equal(server.connections, 1, "20 sequential calls over one connection");

  const bounded = client(server.url, { maxSockets: 3 });
  t.after(() => bounded.close());
  server.hold();
  const calls = Array.from({ length: 12 }, () => bounded.sessions.get("s1"));
  // Wait until the bound is reached: 3 requests held at the server, the other 9 queued in the agent.
  while (server.held.length < 3) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(server.held.length, 3);
  server.release();
  assert.equal((await Promise.all(calls)).length, 12);
  assert.equal(server.connections, 1 + 3, "the bounded client opened 3 connections");
  assert.ok(server.mostOpen <= 1 + 3, `at most 4 sockets open at once (saw ${server.mostOpen})`);
});

test("close() releases the client's sockets; the client still works afterwards", nodeOnly, async (t) => {
  const server = await countingServer((handler) => createHttpServer(handler), "http");
  t.after(() => server.close());
  const c = client(server.url);
  await c.sessions.get("s1");
  assert.equal(server.open.size, 1);
  const [socket] = server.open;
  const closed = new Promise((resolve) => socket!.once("close", resolve));
  c.close();
  await closed;
  assert.equal(server.open.size, 0);
  assert.equal((await c.sessions.get("s1")).id, "s1");
  assert.equal(server.connections, 2);
  c.close();
  c.close(); // idempotent
});

test("the suites run against the transport they name: the fetch run resolves the package to its browser entry", () => {
  assert.equal(createRemoteRenderingClient === createBrowserClient, transportUnderTest === "fetch");
});
