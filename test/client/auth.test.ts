// Authentication: the STS exchange's request shape, caching until shortly before expiry, single-flight,
// 401-then-refresh, TokenCredential, and where credentials may go.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRemoteRenderingClient, RemoteRenderingError, ValidationError, type TokenCredential } from "../../src/index.js";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";
import { accountDomain, accountId, accountKey, clientFor, fakeJwt, session, sessionPath, stsPath } from "../support/arr-fixtures.js";
import { createFakeClock } from "../support/fake-clock.js";

async function serverWithSession(t: { after(fn: () => unknown): void }): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  t.after(() => server.close());
  server.always("GET", sessionPath("s1"), { body: session("s1", "Ready"), headers: { "ms-cv": "cv-1" } });
  return server;
}

const tokenFor = (clockNow: number, lifetimeSeconds: number, id: string) => fakeJwt(Math.floor(clockNow / 1000) + lifetimeSeconds, id);

test("an account key is exchanged at the STS with the documented request shape", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  const token = tokenFor(clock.now(), 86_400, "a");
  server.enqueue("GET", stsPath, { body: { AccessToken: token }, headers: { "ms-cv": "sts-cv" } });
  await client.sessions.get("s1");

  const [sts, call] = server.requests;
  assert.equal(sts?.method, "GET");
  assert.equal(sts?.path, `/Accounts/${accountId}/token`);
  assert.equal(sts?.query.get("api-version"), "2019-02-28-preview");
  assert.equal(sts?.headers.authorization, `Bearer ${accountId}:${accountKey}`);
  assert.match(String(sts?.headers["x-mrc-cv"]), /^[A-Za-z0-9+/]{22}\.0$/);
  assert.equal(call?.headers.authorization, `Bearer ${token}`);
  assert.equal(call?.query.get("api-version"), "2021-01-01");
});

test("each exchange sends a fresh correlation vector", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  server.always("GET", stsPath, () => ({ body: { AccessToken: tokenFor(clock.now(), 86_400, String(Math.random())) } }));
  server.enqueue("GET", sessionPath("s1"), { status: 401 });
  await client.sessions.get("s1");
  const cvs = server.requestsTo("GET", stsPath).map((r) => r.headers["x-mrc-cv"]);
  assert.equal(cvs.length, 2);
  assert.notEqual(cvs[0], cvs[1]);
});

test("the token is cached, and 100 parallel calls share one exchange", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  server.always("GET", stsPath, { body: { AccessToken: tokenFor(clock.now(), 86_400, "a") } });
  await Promise.all(Array.from({ length: 100 }, () => client.sessions.get("s1")));
  await client.sessions.get("s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 1);
  assert.equal(server.requestsTo("GET", sessionPath("s1")).length, 101);
});

test("the token is refreshed when less than 5 minutes (24 h token) remain, not before", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  const first = tokenFor(clock.now(), 86_400, "first");
  server.enqueue("GET", stsPath, { body: { AccessToken: first } });
  await client.sessions.get("s1");

  clock.advance((86_400 - 301) * 1000); // 301 s left: keep it
  await client.sessions.get("s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 1);

  const second = tokenFor(clock.now(), 86_400, "second");
  server.enqueue("GET", stsPath, { body: { AccessToken: second } });
  clock.advance(2000); // 299 s left: refresh
  await client.sessions.get("s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 2);
  assert.equal(server.requestsTo("GET", sessionPath("s1")).at(-1)?.headers.authorization, `Bearer ${second}`);
});

test("a short-lived token is refreshed when less than 10 % of its lifetime remains", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  server.always("GET", stsPath, () => ({ body: { AccessToken: tokenFor(clock.now(), 60, String(clock.now())) } }));
  await client.sessions.get("s1");
  clock.advance(53_000); // 7 s of 60 left
  await client.sessions.get("s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 1);
  clock.advance(2_000); // 5 s left (< 6 s)
  await client.sessions.get("s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 2);
});

test("a 401 from the service triggers one refresh and one retry", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  const revoked = tokenFor(clock.now(), 86_400, "revoked");
  const fresh = tokenFor(clock.now(), 86_400, "fresh");
  server.enqueue("GET", stsPath, { body: { AccessToken: revoked } }, { body: { AccessToken: fresh } });
  server.enqueue("GET", sessionPath("s1"), { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
  const s = await client.sessions.get("s1");
  assert.equal(s.id, "s1");
  const calls = server.requestsTo("GET", sessionPath("s1"));
  assert.deepEqual(
    calls.map((r) => r.headers.authorization),
    [`Bearer ${revoked}`, `Bearer ${fresh}`],
  );
  assert.equal(server.requestsTo("GET", stsPath).length, 2);
  assert.deepEqual(clock.sleeps, [], "a refresh retry does not wait");
});

test("a second 401 is the answer: only one refresh per call", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  server.always("GET", stsPath, () => ({ body: { AccessToken: tokenFor(clock.now(), 86_400, String(Math.random())) } }));
  server.always("GET", sessionPath("s1"), { status: 401 });
  await assert.rejects(client.sessions.get("s1"), (e: unknown) => e instanceof RemoteRenderingError && e.status === 401 && e.code === "Unauthorized");
  assert.equal(server.requestsTo("GET", sessionPath("s1")).length, 2);
  assert.equal(server.requestsTo("GET", stsPath).length, 2);
});

test("a static access token is used as is: no exchange, and a 401 is final", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { credential: { accessToken: "static-token-value" } });
  server.always("GET", sessionPath("s1"), { status: 401 });
  await assert.rejects(client.sessions.get("s1"), (e: unknown) => e instanceof RemoteRenderingError && e.status === 401);
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0]?.headers.authorization, "Bearer static-token-value");
  assert.equal(await client.getAccessToken(), "static-token-value");
});

test("an STS 429 is retried after its Retry-After; an STS 401 is a getToken error without the key", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  server.enqueue("GET", stsPath, { status: 429, headers: { "retry-after": 2 } }, { body: { AccessToken: tokenFor(clock.now(), 86_400, "a") } });
  await client.sessions.get("s1");
  assert.deepEqual(clock.sleeps, [2000]);

  const { client: other } = clientFor(server, { credential: { accountKey: "WrongKey-0123456789abcdef" } });
  server.enqueue("GET", stsPath, {
    status: 401,
    headers: { "www-authenticate": 'Bearer error="invalid_token"', "ms-cv": "sts-401" },
    body: { error: { code: "Unauthorized", message: "The credential is not valid for the account." } },
  });
  await assert.rejects(other.sessions.get("s1"), (e: unknown) => {
    assert.ok(e instanceof RemoteRenderingError);
    assert.equal(e.status, 401);
    assert.equal(e.operation, "getToken");
    assert.equal(e.path, `/Accounts/${accountId}/token`);
    assert.equal(e.correlationVector, "sts-401");
    assert.ok(!JSON.stringify(e).includes("WrongKey"));
    return true;
  });
});

test("a TokenCredential is asked for https://sts.<accountDomain>/.default and its token exchanged", async (t) => {
  const server = await serverWithSession(t);
  const scopes: (string | string[])[] = [];
  const credential: TokenCredential = {
    async getToken(scope) {
      scopes.push(scope);
      return { token: "entra-token-abcdef", expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  const { client, clock } = clientFor(server, { credential });
  server.enqueue("GET", stsPath, { body: { AccessToken: tokenFor(clock.now(), 86_400, "a") } });
  await client.sessions.get("s1");
  assert.deepEqual(scopes, [`https://sts.${accountDomain}/.default`]);
  assert.equal(server.requestsTo("GET", stsPath)[0]?.headers.authorization, "Bearer entra-token-abcdef");
});

test("the STS endpoint defaults to https://sts.<accountDomain>", async () => {
  const urls: string[] = [];
  const client = createRemoteRenderingClient({
    endpoint: "https://remoterendering.eastus.mixedreality.azure.com",
    accountId,
    accountDomain,
    credential: { accountKey },
    clock: createFakeClock(),
    fetch: async (input) => {
      urls.push(input.url);
      return input.url.includes("/token")
        ? Response.json({ AccessToken: fakeJwt(4102444800) })
        : Response.json(session("s1", "Ready"));
    },
  });
  await client.sessions.get("s1");
  assert.deepEqual(urls, [
    `https://sts.${accountDomain}/Accounts/${accountId}/token?api-version=2019-02-28-preview`,
    `https://remoterendering.eastus.mixedreality.azure.com/accounts/${accountId}/sessions/s1?api-version=2021-01-01`,
  ]);
});

test("an accountDomain without a dot is rejected with the expected form", () => {
  assert.throws(
    () => createRemoteRenderingClient({ endpoint: "https://remoterendering.eastus.mixedreality.azure.com", accountId, accountDomain: "eastus", credential: { accountKey } }),
    (e: unknown) => e instanceof ValidationError && e.field === "accountDomain" && e.rule === "format" && /eastus\.mixedreality\.azure\.com/.test(e.message),
  );
  assert.throws(
    () => createRemoteRenderingClient({ endpoint: "https://remoterendering.eastus.mixedreality.azure.com", accountId, credential: { accountKey } }),
    (e: unknown) => e instanceof ValidationError && e.field === "accountDomain" && e.rule === "required",
  );
});

test("credentials go to the endpoint's origin only", async (t) => {
  const server = await startScriptedServer();
  const elsewhere = await startScriptedServer();
  t.after(() => Promise.all([server.close(), elsewhere.close()]));
  const { client } = clientFor(server);
  await assert.rejects(
    client.raw.GET("/accounts/{account_id}/sessions/{session_id}", {
      baseUrl: elsewhere.url,
      params: { path: { account_id: accountId, session_id: "s1" } },
    }),
    (e: unknown) => e instanceof RemoteRenderingError && e.code === "UntrustedHost",
  );
  assert.equal(elsewhere.requests.length, 0);
});

test("a caller that aborts while the shared exchange runs rejects at once; the others get the token", async (t) => {
  const server = await serverWithSession(t);
  const { client, clock } = clientFor(server, { credential: { accountKey } });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  server.enqueue("GET", stsPath, async () => {
    await gate;
    return { body: { AccessToken: tokenFor(clock.now(), 86_400, "a") } };
  });
  const controller = new AbortController();
  const aborted = client.sessions.get("s1", { signal: controller.signal });
  const patient = client.sessions.get("s1");
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the exchange reach the server
  const reason = new Error("user gave up");
  controller.abort(reason);
  await assert.rejects(aborted, (e: unknown) => e === reason);
  release();
  assert.equal((await patient).id, "s1");
  assert.equal(server.requestsTo("GET", stsPath).length, 1);
  assert.equal(server.requestsTo("GET", sessionPath("s1")).length, 1);
});
