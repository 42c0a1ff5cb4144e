// Paging: list() follows @nextLink (absolute or relative) across pages, byPage() yields one array per page,
// and a link to another host is an error that sends it nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isRemoteRenderingError, RemoteRenderingError, type Session } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { clientFor, conversion, conversionsPath, session, sessionsPath } from "../support/arr-fixtures.js";

test("list follows an absolute then a relative @nextLink over 3 pages", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server
    .enqueue("GET", sessionsPath, { body: { sessions: [session("a", "Ready"), session("b", "Starting")], "@nextLink": `${server.url}${sessionsPath}?api-version=2021-01-01&$skipToken=2` } })
    .enqueue("GET", sessionsPath, { body: { sessions: [session("c", "Ready")], "@nextLink": `sessions?$skipToken=3` } })
    .enqueue("GET", sessionsPath, { body: { sessions: [session("d", "Starting")] } });
  const ids: string[] = [];
  for await (const s of client.sessions.list()) ids.push(s.id);
  assert.deepEqual(ids, ["a", "b", "c", "d"]);
  assert.deepEqual(
    server.requests.map((r) => [r.path, r.query.get("$skipToken"), r.query.get("api-version")]),
    [
      [sessionsPath, null, "2021-01-01"],
      [sessionsPath, "2", "2021-01-01"],
      [sessionsPath, "3", "2021-01-01"], // a relative link without api-version gets it added
    ],
  );
  for (const r of server.requests) assert.match(String(r.headers.authorization), /^Bearer /);
});

test("byPage yields one array per page; iteration is lazy", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server
    .enqueue("GET", conversionsPath, { body: { conversions: [conversion("a", "Running")], "@nextLink": `${conversionsPath}?$skipToken=1` } })
    .enqueue("GET", conversionsPath, { body: { conversions: [], "@nextLink": `${conversionsPath}?$skipToken=2` } })
    .enqueue("GET", conversionsPath, { body: { conversions: [conversion("b", "Succeeded"), conversion("c", "Failed")] } });
  const pages = client.conversions.list().byPage();
  assert.equal(server.requests.length, 0, "nothing is fetched before iteration");
  const seen: string[][] = [];
  for await (const page of pages) seen.push(page.map((c) => c.id));
  assert.deepEqual(seen, [["a"], [], ["b", "c"]]);
  assert.equal(server.requests.length, 3);

  // Stopping early fetches no further page.
  server.reset();
  server.enqueue("GET", conversionsPath, { body: { conversions: [conversion("a", "Running")], "@nextLink": `${conversionsPath}?$skipToken=1` } });
  for await (const c of client.conversions.list()) {
    assert.equal(c.id, "a");
    break;
  }
  assert.equal(server.requests.length, 1);
});

test("a @nextLink to another host is an error and that host gets no request", async (t) => {
  const server = await startScriptedServer();
  const other = await startScriptedServer();
  t.after(() => Promise.all([server.close(), other.close()]));
  const { client } = clientFor(server);
  server.enqueue("GET", sessionsPath, { body: { sessions: [session("a", "Ready")], "@nextLink": `${other.url}${sessionsPath}?$skipToken=1` } });
  const seen: Session[] = [];
  const error = await (async () => {
    for await (const s of client.sessions.list()) seen.push(s);
  })().catch((e: unknown) => e);
  assert.ok(error instanceof RemoteRenderingError);
  assert.equal(error.code, "UntrustedNextLink");
  assert.ok(error.message.includes(other.url));
  assert.deepEqual(seen.map((s) => s.id), ["a"], "items before the bad link are delivered");
  assert.equal(other.requests.length, 0);
});

test("a @nextLink that points to its own page is not followed forever", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.always("GET", sessionsPath, (request) => ({ body: { sessions: [session("a", "Ready")], "@nextLink": `${server.url}${request.url}` } }));
  await assert.rejects(
    (async () => {
      for await (const _ of client.sessions.list()) void _;
    })(),
    (e: unknown) => e instanceof RemoteRenderingError && e.code === "InvalidNextLink",
  );
});

test("an error on a later page rejects the iteration with a RemoteRenderingError", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server
    .enqueue("GET", sessionsPath, { body: { sessions: [session("a", "Ready")], "@nextLink": `${sessionsPath}?$skipToken=1` } })
    .enqueue("GET", sessionsPath, { status: 403, body: { error: { code: "Forbidden", message: "no" } }, headers: { "ms-cv": "cv-403" } });
  const error = await (async () => {
    for await (const _ of client.sessions.list()) void _;
  })().catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 403));
  assert.equal(error.operation, "listSessions");
  assert.equal(error.correlationVector, "cv-403");
});

test("a page without its array is an InvalidResponse error", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("GET", sessionsPath, { body: { items: [] } });
  await assert.rejects(client.sessions.list().byPage()[Symbol.asyncIterator]().next(), (e: unknown) => e instanceof RemoteRenderingError && e.code === "InvalidResponse");
});
