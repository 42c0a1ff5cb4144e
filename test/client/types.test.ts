// Type-level tests of the public API: this file fails `npm run typecheck` when the types regress (each
// `@ts-expect-error` must stay an error), and its runtime part checks the same values.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { components } from "../../generated/remote-rendering.js";
import {
  createRemoteRenderingClient,
  isRemoteRenderingError,
  RemoteRenderingError,
  type Conversion,
  type ConversionSettings,
  type ConversionStatus,
  type ErrorResponse,
  type PagedAsyncIterable,
  type RemoteRenderingClient,
  type RemoteRenderingClientOptions,
  type Session,
  type SessionSize,
  type SessionStatus,
  type TokenCredential,
} from "../../src/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T): T => value;

test("resource types are the generated ones", () => {
  assertType<Equals<Session, components["schemas"]["session_properties"]>>(true);
  assertType<Equals<Conversion, components["schemas"]["conversion"]>>(true);
  assertType<Equals<ConversionSettings, components["schemas"]["conversion_settings"]>>(true);
  // Open enumerations: the known values (for autocompletion) or any other string.
  assertType<Equals<SessionSize, "Standard" | "Premium" | (string & {})>>(true);
  assertType<Equals<SessionStatus, "Starting" | "Ready" | "Stopped" | "Expired" | "Error" | (string & {})>>(true);
  assertType<Equals<ConversionStatus, "NotStarted" | "Running" | "Cancelled" | "Failed" | "Succeeded" | (string & {})>>(true);
  // Fields the 2021 service sent as null or 0 while a session was Starting.
  assertType<Equals<Session["hostname"], string | null | undefined>>(true);
  const starting2021: Session = { id: "s", size: "Standard", status: "Starting", hostname: null, handshakePort: 0, arrInspectorPort: 0, teraflops: 0, error: null };
  assert.equal(starting2021.hostname, null);
});

test("isRemoteRenderingError narrows status and body", () => {
  const e: unknown = new RemoteRenderingError({ status: 409, code: "Conflict", message: "m", method: "PUT", path: "/x" });
  if (isRemoteRenderingError(e, 409)) {
    const status: 409 = e.status;
    // @ts-expect-error the status is narrowed to 409
    const other: 404 = e.status;
    assertType<Equals<typeof e.body, ErrorResponse | undefined>>(true);
    const code: string | undefined = e.body?.error.code;
    assert.equal(status, 409);
    assert.equal(code, undefined);
    void other;
  } else assert.fail("expected a 409");

  const network: unknown = new RemoteRenderingError({ status: 0, code: "NetworkError", message: "m", method: "GET", path: "/x" });
  if (isRemoteRenderingError(network, 0)) {
    assertType<Equals<typeof network.body, undefined>>(true);
    // @ts-expect-error a status-0 error has no body
    const read = () => network.body.error;
    void read;
  } else assert.fail("expected status 0");

  const anyStatus: unknown = network;
  if (isRemoteRenderingError(anyStatus)) {
    const status: number = anyStatus.status;
    // @ts-expect-error without a status argument, status stays a number
    const exact: 409 = anyStatus.status;
    void status;
    void exact;
  }
});

test("methods take the spec's shapes and an optional signal, and return the generated types", () => {
  const client: RemoteRenderingClient = createRemoteRenderingClient({
    endpoint: "http://127.0.0.1:1",
    accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
    credential: { accessToken: "t" },
  });
  const signal = AbortSignal.abort();
  const calls: Promise<unknown>[] = [];
  const created: Promise<Session> = client.sessions.create("s", { size: "Standard", maxLeaseTimeMinutes: 60 }, { signal });
  calls.push(created);
  // @ts-expect-error size is required
  calls.push(client.sessions.create("s", { maxLeaseTimeMinutes: 60 }));
  // size is an open enumeration: a size the spec does not know is sent as given (the service decides).
  calls.push(client.sessions.create("s", { size: "Tiny", maxLeaseTimeMinutes: 60 }));
  // @ts-expect-error size is a string
  calls.push(client.sessions.create("s", { size: 3, maxLeaseTimeMinutes: 60 }));
  const stopped: Promise<void> = client.sessions.stop("s", { signal });
  calls.push(stopped, client.sessions.update("s", { maxLeaseTimeMinutes: 90 }, { signal }), client.sessions.get("s", { signal }));
  const settings: ConversionSettings = {
    inputLocation: { storageContainerUri: "https://a.blob.core.windows.net/in", relativeInputAssetPath: "m.fbx" },
    outputLocation: { storageContainerUri: "https://a.blob.core.windows.net/out" },
  };
  const conversion: Promise<Conversion> = client.conversions.create("c", settings, { signal });
  calls.push(conversion);
  // @ts-expect-error create takes the bare settings, not { settings }
  calls.push(client.conversions.create("c", { settings }));
  const ready: Promise<Session> = client.sessions.waitUntilReady("s", { signal, intervalMs: 1, onProgress: (s: Session) => void s.status });
  const done: Promise<Conversion> = client.conversions.waitUntilDone("c", { onProgress: (c: Conversion) => void c.status });
  calls.push(ready, done);
  const sessions: PagedAsyncIterable<Session> = client.sessions.list({ signal });
  const pages: AsyncIterable<Conversion[]> = client.conversions.list().byPage();
  void sessions;
  void pages;
  // raw: api-version may be left out, the path parameters may not.
  calls.push(client.raw.GET("/accounts/{account_id}/sessions/{session_id}", { params: { path: { account_id: "a", session_id: "s" } } }));
  // @ts-expect-error session_id is required
  calls.push(client.raw.GET("/accounts/{account_id}/sessions/{session_id}", { params: { path: { account_id: "a" } } }));
  // @ts-expect-error not a path of the API
  calls.push(client.raw.GET("/accounts/{account_id}/sessionz", { params: { path: { account_id: "a" } } }));
  return Promise.allSettled(calls).then((results) => assert.ok(results.every((r) => r.status === "rejected")));
});

test("an @azure/identity-shaped credential is a TokenCredential without @azure/core-auth", () => {
  // The shape of DefaultAzureCredential#getToken: (scopes, options?: GetTokenOptions) => Promise<AccessToken | null>.
  class IdentityLike {
    async getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal; tenantId?: string }) {
      void scopes;
      void options;
      return { token: "t", expiresOnTimestamp: 0, refreshAfterTimestamp: 0, tokenType: "Bearer" as const };
    }
  }
  const credential: TokenCredential = new IdentityLike();
  assert.equal(typeof credential.getToken, "function");
  // @ts-expect-error a credential needs accountKey, accessToken or getToken
  const wrong: RemoteRenderingClientOptions["credential"] = { password: "x" };
  void wrong;
});
