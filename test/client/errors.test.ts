// Errors: every field from a real error body, status names for empty bodies, network failures and timeouts
// as status 0, aborts with the signal's reason, and no secret anywhere in an error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  ConversionFailedError,
  isRemoteRenderingError,
  RemoteRenderingError,
  SessionEndedError,
  ValidationError,
} from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { accountId, accountKey, clientFor, conversionPath, conversionSettings, errorBody, fakeJwt, session, sessionPath, stsPath } from "../support/arr-fixtures.js";

test("every field of a RemoteRenderingError comes from the error body and headers", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  const body = errorBody("Conflict", "A session with the id s1 already exists with other settings.", {
    target: "s1",
    details: [{ code: "SettingsDiffer", message: "size differs", target: "size" }],
    innerError: { code: "SessionExists", message: "exists" },
  });
  server.enqueue("PUT", sessionPath("s1"), { status: 409, body, headers: { "ms-cv": "Bn2MZwrqxE26LkaXCbwxvQ.0" } });
  const error = await client.sessions.create("s1", { size: "Premium", maxLeaseTimeMinutes: 30 }).catch((e: unknown) => e);
  assert.ok(error instanceof RemoteRenderingError);
  assert.equal(error.name, "RemoteRenderingError");
  assert.equal(error.status, 409);
  assert.equal(error.code, "Conflict");
  assert.equal(error.message, body.error.message);
  assert.equal(error.target, "s1");
  assert.deepEqual(error.details, body.error.details);
  assert.deepEqual(error.innerError, body.error.innerError);
  assert.deepEqual(error.body, body);
  assert.equal(error.correlationVector, "Bn2MZwrqxE26LkaXCbwxvQ.0");
  assert.equal(error.retryAfterSeconds, undefined);
  assert.equal(error.operation, "createSession");
  assert.equal(error.method, "PUT");
  assert.equal(error.path, sessionPath("s1"));
  assert.ok(isRemoteRenderingError(error, 409));
  assert.ok(!isRemoteRenderingError(error, 404));
  assert.ok(!isRemoteRenderingError(new Error("x")));
  assert.deepEqual(JSON.parse(JSON.stringify(error)), JSON.parse(JSON.stringify(error.toJSON())));
  assert.equal(error.toJSON().code, "Conflict");
});

test("an error without a body gets the status's name as code, and 429 its Retry-After", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server, { retry: false });
  server
    .enqueue("GET", sessionPath("gone"), { status: 404, headers: { "ms-cv": "cv-404" } })
    .enqueue("GET", sessionPath("busy"), { status: 429, headers: { "retry-after": 15 } })
    .enqueue("POST", `${sessionPath("s1")}/:stop`, { status: 418, body: "I'm a teapot" });
  const notFound = await client.sessions.get("gone").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(notFound, 404));
  assert.equal(notFound.code, "NotFound");
  assert.equal(notFound.body, undefined);
  assert.equal(notFound.correlationVector, "cv-404");
  assert.match(notFound.message, /GET .*\/sessions\/gone failed with 404 NotFound/);
  assert.equal(notFound.operation, "getSession");

  const throttled = await client.sessions.get("busy").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(throttled, 429));
  assert.equal(throttled.code, "TooManyRequests");
  assert.equal(throttled.retryAfterSeconds, 15);

  const teapot = await client.sessions.stop("s1").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(teapot, 418));
  assert.equal(teapot.code, "Http418");
  assert.equal(teapot.operation, "stopSession");
  assert.match(teapot.message, /I'm a teapot/);
});

test("a refused connection is a status-0 NetworkError with its cause", async (t) => {
  const server = await startScriptedServer();
  const closedUrl = server.url;
  await server.close();
  const { client } = clientFor({ url: closedUrl } as typeof server);
  const error = await client.sessions.get("s1").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 0));
  assert.equal(error.code, "NetworkError");
  assert.equal(error.body, undefined);
  assert.ok(error.cause instanceof Error);
  assert.match(error.message, /ECONNREFUSED/);
  assert.equal(error.operation, "getSession");
  assert.equal(error.method, "GET");
  t.diagnostic(error.message);
});

// The server holds its answer until the test is done, so the client's timeout is the only way the call can end:
// a client without it hangs until the test's limit (a hang guard, not a measure of speed). Attempts are counted
// by the client, not the server: on a loaded machine the 50 ms may pass before the request reaches the server.
test("no answer within timeoutMs is a status-0 Timeout with its cause, and is not retried", { timeout: 60_000 }, async (t) => {
  const server = await startScriptedServer();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  t.after(async () => {
    release();
    await server.close();
  });
  server.always("GET", sessionPath("s1"), () => released.then(() => ({ body: session("s1", "Ready") })));
  const attempts: string[] = [];
  const { client, clock } = clientFor(server, { timeoutMs: 50, logger: { debug: (line) => attempts.push(line) } });
  const error = await client.sessions.get("s1").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 0), String(error));
  assert.equal(error.code, "Timeout");
  assert.ok(error.cause !== undefined);
  assert.match(error.message, /within 50 ms/);
  // One attempt, ended by the timeout, and no wait for a retry.
  assert.deepEqual(
    attempts.map((line) => line.replace(/ in \d+ ms: .*$/, "")),
    [`remote-rendering-client: GET ${sessionPath("s1")} → Timeout`],
  );
  assert.deepEqual(clock.sleeps, []);
  assert.ok(server.requests.length <= 1, `${server.requests.length} requests reached the server`);
});

test("an abort rejects with the signal's reason, not a RemoteRenderingError", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  server.always("GET", sessionPath("s1"), () => {
    arrived();
    return { fault: "hang" };
  });
  const controller = new AbortController();
  const pending = client.sessions.get("s1", { signal: controller.signal });
  await arrival; // abort while the request is in flight
  controller.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === "AbortError");

  const reason = new Error("stop now");
  await assert.rejects(client.sessions.get("s1", { signal: AbortSignal.abort(reason) }), (e: unknown) => e === reason);
  assert.equal(server.requests.length, 1, "an already-aborted call sends nothing");
});

test("SessionEndedError and ConversionFailedError are RemoteRenderingErrors carrying the resource", () => {
  const ended = new SessionEndedError(session("s1", "Error", { error: { code: "SessionStartFailed", message: "no capacity" } }) as never, {
    method: "GET",
    path: sessionPath("s1"),
    correlationVector: "cv",
    operation: "getSession",
  });
  assert.ok(ended instanceof RemoteRenderingError);
  assert.equal(ended.code, "SessionStartFailed");
  assert.equal(ended.session.status, "Error");
  assert.match(ended.message, /no capacity/);
  const failed = new ConversionFailedError({ id: "c", status: "Cancelled", error: null } as never, { method: "GET", path: conversionPath("c") });
  assert.equal(failed.code, "ConversionCancelled");
  assert.ok(isRemoteRenderingError(failed, 200));
});

const secretSas = "sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&sig=SuperSecretSignature%3D";

function assertNoSecret(error: unknown, secrets: string[]): void {
  assert.ok(error instanceof Error, `expected an error, got ${String(error)}`);
  const views = [error.message, error.stack ?? "", JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true }), String(error)];
  for (const view of views)
    for (const secret of secrets) assert.ok(!view.includes(secret), `a secret leaked into ${view.slice(0, 300)}`);
}

test("no key, token or SAS appears in message, stack, JSON or inspect of any error", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server, { credential: { accountKey }, retry: false });
  const token = fakeJwt(Math.floor(clock.now() / 1000) + 86_400, "secret-token");
  const secrets = [accountKey, token, "SuperSecretSignature", `${accountId}:${accountKey}`];
  server.enqueue("GET", stsPath, { body: { AccessToken: token } });
  // A careless server that echoes what it was sent, in message, target and details.
  server.enqueue("GET", sessionPath("s1"), (request) => ({
    status: 400,
    body: errorBody("BadRequest", `bad token ${String(request.headers.authorization)} for key ${accountKey}`, {
      target: String(request.headers.authorization),
      details: [{ code: "Echo", message: `Bearer ${token}` }],
    }),
  }));
  assertNoSecret(await client.sessions.get("s1").catch((e: unknown) => e), secrets);

  server.enqueue("PUT", conversionPath("c1"), (request) => ({ status: 400, body: errorBody("BadRequest", `SAS rejected: ${request.body}`) }));
  const withSas = {
    inputLocation: { ...conversionSettings.inputLocation, storageContainerReadListSas: secretSas },
    outputLocation: { ...conversionSettings.outputLocation, storageContainerWriteSas: secretSas },
  };
  assertNoSecret(await client.conversions.create("c1", withSas).catch((e: unknown) => e), secrets);

  // Validation errors of secret fields and of URLs carrying a SAS.
  const badSas = { ...withSas, outputLocation: { ...withSas.outputLocation, storageContainerWriteSas: 42 as unknown as string } };
  const validation = await client.conversions.create("c1", badSas).catch((e: unknown) => e);
  assert.ok(validation instanceof ValidationError && validation.value === "[REDACTED]");
  assert.ok(!validation.message.includes("42"), validation.message);
  assertNoSecret(validation, secrets);
  const httpUri = { ...withSas, inputLocation: { ...withSas.inputLocation, storageContainerUri: `http://contoso.blob.core.windows.net/in?${secretSas}` } };
  const uriError = await client.conversions.create("c1", httpUri).catch((e: unknown) => e);
  assert.ok(uriError instanceof ValidationError && uriError.rule === "format");
  assertNoSecret(uriError, secrets);

  // An STS that echoes the credential it refused.
  const { client: refused } = clientFor(server, { credential: { accountKey }, retry: false });
  server.enqueue("GET", stsPath, (request) => ({ status: 401, body: errorBody("Unauthorized", `refused ${String(request.headers.authorization)}`) }));
  assertNoSecret(await refused.sessions.get("s1").catch((e: unknown) => e), secrets);

  // A network failure and a timeout.
  server.enqueue("GET", sessionPath("s2"), { fault: "reset" });
  assertNoSecret(await client.sessions.get("s2").catch((e: unknown) => e), secrets);
  assert.equal(server.unmatched.length, 0);
});
