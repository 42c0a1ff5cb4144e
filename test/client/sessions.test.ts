// The session operations send what the spec says (method, path, api-version, body, auth) and return the
// service's answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RemoteRenderingError } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { clientFor, fakeJwt, session, sessionPath, sessionsPath } from "../support/arr-fixtures.js";

test("create sends PUT with the settings as JSON and returns the session (201 and 200)", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("PUT", sessionPath("s1"), { status: 201, body: session("s1", "Starting") }, { status: 200, body: session("s1", "Starting") });
  const created = await client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: 60 });
  const again = await client.sessions.create("s1", { size: "Standard", maxLeaseTimeMinutes: 60 });
  assert.equal(created.status, "Starting");
  assert.deepEqual(again, created);
  const [first] = server.requests;
  assert.ok(first);
  assert.equal(first.method, "PUT");
  assert.equal(first.query.get("api-version"), "2021-01-01");
  assert.equal(first.headers["content-type"], "application/json");
  assert.equal(first.headers.authorization, `Bearer ${fakeJwt(4102444800, "static")}`);
  assert.match(String(first.headers["user-agent"]), /remote-rendering-client/);
  assert.deepEqual(first.json(), { size: "Standard", maxLeaseTimeMinutes: 60 });
});

test("get, update, stop and list use their methods and paths", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { userAgent: "my-app/1.0" });
  server
    .enqueue("GET", sessionPath("s1"), { body: session("s1", "Ready") })
    .enqueue("PATCH", sessionPath("s1"), { body: session("s1", "Ready", { maxLeaseTimeMinutes: 90 }) })
    .enqueue("POST", `${sessionPath("s1")}/:stop`, { status: 204 })
    .enqueue("GET", sessionsPath, { body: { sessions: [session("s1", "Ready"), session("s2", "Starting")] } });

  assert.equal((await client.sessions.get("s1")).hostname?.endsWith(".mixedreality.azure.com"), true);
  assert.equal((await client.sessions.update("s1", { maxLeaseTimeMinutes: 90 })).maxLeaseTimeMinutes, 90);
  assert.equal(await client.sessions.stop("s1"), undefined);
  const ids: string[] = [];
  for await (const s of client.sessions.list()) ids.push(s.id);
  assert.deepEqual(ids, ["s1", "s2"]);

  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path} ${r.query.get("api-version")}`),
    [`GET ${sessionPath("s1")} 2021-01-01`, `PATCH ${sessionPath("s1")} 2021-01-01`, `POST ${sessionPath("s1")}/:stop 2021-01-01`, `GET ${sessionsPath} 2021-01-01`],
  );
  const [, patch, stop] = server.requests;
  assert.deepEqual(patch?.json(), { maxLeaseTimeMinutes: 90 });
  assert.equal(stop?.body, "", "stop has no body");
  assert.match(String(stop?.headers["user-agent"]), /^my-app\/1\.0 remote-rendering-client/);
  assert.deepEqual(server.unmatched, []);
});

test("a 2xx without the expected body is an InvalidResponse error, not undefined", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("GET", sessionPath("s1"), { status: 200 });
  await assert.rejects(client.sessions.get("s1"), (e: unknown) => e instanceof RemoteRenderingError && e.code === "InvalidResponse" && e.status === 200);
});

test("the client works against http://127.0.0.1 for endpoint and stsEndpoint (the emulator's setup)", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { credential: { accountKey: "k".repeat(44) } });
  server.enqueue("GET", /\/Accounts\/.*\/token$/, { body: { AccessToken: fakeJwt(4102444800) } });
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Starting") });
  assert.equal((await client.sessions.get("s1")).id, "s1");
  assert.equal(client.endpoint, server.url);
});

test("raw is openapi-fetch with auth and api-version applied; it returns errors instead of throwing", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server.enqueue("GET", sessionPath("s1"), { body: session("s1", "Ready") }, { status: 404 });
  const ok = await client.raw.GET("/accounts/{account_id}/sessions/{session_id}", {
    params: { path: { account_id: client.accountId, session_id: "s1" } },
  });
  assert.equal(ok.response.ok, true);
  assert.equal(ok.data?.status, "Ready");
  // The body was read within the attempt, and stays readable for users of raw.
  assert.equal(((await ok.response.clone().json()) as { id: string }).id, "s1");
  assert.equal(((await new Response(ok.response.body).json()) as { id: string }).id, "s1");
  assert.equal((await ok.response.text()).length > 0, true);
  assert.equal(ok.response.headers.get("content-type"), "application/json");
  const missing = await client.raw.GET("/accounts/{account_id}/sessions/{session_id}", {
    params: { path: { account_id: client.accountId, session_id: "s1" } },
  });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error, undefined, "an empty error body gives error undefined: branch on response.ok");
  assert.equal(server.requests[0]?.query.get("api-version"), "2021-01-01");
  assert.match(String(server.requests[1]?.headers.authorization), /^Bearer /);
});
