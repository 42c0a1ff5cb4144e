// Auth boundaries on every endpoint: an emulator with two accounts and 60 s tokens (manual clock). No token, a
// malformed one, one signed with another key, a tampered one, an expired one → 401 with WWW-Authenticate; the
// other account's token → 403; none of them gets any data. A valid token on the same requests is the control.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { validateAgainst } from "../support/spec-validator.js";
import { API, STS_API, reply, startHarness, stsToken, type Harness, type Reply } from "./support.js";

const ALICE = { accountId: "a11ce000-0000-4000-8000-00000000a11c", accountKey: "alice-Key-9c2e7f1b44d0aa5e" };
const BOB = { accountId: "b0b00000-0000-4000-8000-000000000b0b", accountKey: "bob-Key-77c1d83e90f2bb61" };
const TOKEN_SECONDS = 60;

let h: Harness;
let alice: string;
let bob: string;

const session = { size: "Standard", maxLeaseTimeMinutes: 30 };
const conversion = {
  settings: {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "robot.fbx" },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out" },
  },
};

interface Endpoint {
  readonly name: string;
  readonly method: string;
  /** Path under /accounts/<account>. */
  readonly path: string;
  readonly body?: unknown;
  /** Status with a valid token of the path's account. */
  readonly ok: number;
}

// Every operation of the ARR spec, on ids that exist (so a request that slipped past auth would get data),
// plus a path that matches no operation.
const endpoints: readonly Endpoint[] = [
  { name: "listSessions", method: "GET", path: "/sessions", ok: 200 },
  { name: "getSession", method: "GET", path: "/sessions/existing", ok: 200 },
  { name: "createSession (retry)", method: "PUT", path: "/sessions/existing", body: session, ok: 200 },
  { name: "updateSession", method: "PATCH", path: "/sessions/existing", body: { maxLeaseTimeMinutes: 1439 }, ok: 200 },
  { name: "stopSession", method: "POST", path: "/sessions/existing/:stop", ok: 204 },
  { name: "listConversions", method: "GET", path: "/conversions", ok: 200 },
  { name: "getConversion", method: "GET", path: "/conversions/existing", ok: 200 },
  { name: "createConversion (retry)", method: "PUT", path: "/conversions/existing", body: conversion, ok: 200 },
  { name: "no such operation", method: "GET", path: "/widgets", ok: 404 },
];

async function send(e: Endpoint, authorization: string | undefined, account = ALICE.accountId): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers["Authorization"] = authorization;
  if (e.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${h.url}/accounts/${account}${e.path}?${API}`, {
    method: e.method,
    headers,
    ...(e.body === undefined ? {} : { body: JSON.stringify(e.body) }),
  });
  return reply(response);
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const HEADER = b64({ alg: "HS256", typ: "JWT" });

/** An HS256 JWT shaped exactly like the emulator's, signed with `secret`. */
function jwt(claims: Record<string, unknown>, secret: string | Buffer): string {
  const unsigned = `${HEADER}.${b64(claims)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

/** A refusal: the status, a challenge on 401, an error_response body, and nothing of the account's data. */
function assertRefused(r: Reply, status: 401 | 403, what: string): void {
  assert.equal(r.status, status, `${what}: expected ${status}, got ${r.status} ${r.text}`);
  if (status === 401) assert.match(r.headers.get("www-authenticate") ?? "", /^Bearer\b/, `${what}: WWW-Authenticate`);
  assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/error_response", r.body), [], `${what}: error_response`);
  assert.deepEqual(Object.keys(r.body as object), ["error"], `${what}: only an error`);
  assert.doesNotMatch(r.text, /existing|contoso|hostname|creationTime|sessions|conversions/, `${what}: no data in the answer`);
}

before(async () => {
  h = await startHarness({ accounts: [ALICE, BOB], tokenSeconds: TOKEN_SECONDS, startupSeconds: 0 });
  alice = await stsToken(h.url, ALICE.accountId, ALICE.accountKey);
  bob = await stsToken(h.url, BOB.accountId, BOB.accountKey);
  const put = (path: string, body: unknown) =>
    fetch(`${h.url}/accounts/${ALICE.accountId}${path}?${API}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${alice}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  assert.equal((await put("/sessions/existing", session)).status, 201);
  assert.equal((await put("/conversions/existing", conversion)).status, 201);
});
after(() => h.close());

test("every endpoint refuses missing, malformed, forged and tampered tokens with 401 + WWW-Authenticate", async () => {
  const [header, payload, signature] = alice.split(".");
  const claims = claimsOf(alice);
  const bad: [string, string | undefined][] = [
    ["no Authorization", undefined],
    ["empty Authorization", ""],
    ["Bearer and nothing", "Bearer "],
    ["Basic scheme", `Basic ${Buffer.from(`${ALICE.accountId}:${ALICE.accountKey}`).toString("base64")}`],
    ["account key instead of a token", `Bearer ${ALICE.accountId}:${ALICE.accountKey}`],
    ["not a JWT", "Bearer not-a-token"],
    ["two parts", `Bearer ${header}.${payload}`],
    ["four parts", `Bearer ${alice}.x`],
    ["signature cut", `Bearer ${header}.${payload}.`],
    ["signature flipped", `Bearer ${header}.${payload}.${(signature ?? "").replace(/^./, (c) => (c === "A" ? "B" : "A"))}`],
    ["alg none", `Bearer ${b64({ alg: "none", typ: "JWT" })}.${payload}.`],
    ["alg HS512 header", `Bearer ${b64({ alg: "HS512", typ: "JWT" })}.${payload}.${signature}`],
    ["signed with another key", `Bearer ${jwt(claims, randomBytes(32))}`],
    ["signed with the account key", `Bearer ${jwt(claims, ALICE.accountKey)}`],
    ["payload swapped to the other account", `Bearer ${header}.${b64({ ...claims, accountId: BOB.accountId })}.${signature}`],
    ["payload with a later exp", `Bearer ${header}.${b64({ ...claims, exp: 4102444800 })}.${signature}`],
    ["binary garbage", `Bearer ${randomBytes(48).toString("base64")}`],
  ];
  for (const e of endpoints) {
    for (const [name, authorization] of bad) assertRefused(await send(e, authorization), 401, `${e.name} with ${name}`);
  }
});

test("the other account's valid token gets 403 on every endpoint, and its own account still works", async () => {
  for (const e of endpoints.filter((x) => x.name !== "no such operation")) {
    assertRefused(await send(e, `Bearer ${bob}`), 403, `${e.name} with Bob's token on Alice's account`);
  }
  // Bob's token on Bob's account: his (empty) lists, and Alice's ids do not exist there.
  const list = await send(endpoints[0] as Endpoint, `Bearer ${bob}`, BOB.accountId);
  assert.equal(list.status, 200);
  assert.deepEqual((list.body as { sessions: unknown[] }).sessions, []);
  const get = await send(endpoints[1] as Endpoint, `Bearer ${bob}`, BOB.accountId);
  assert.equal(get.status, 404);
});

test("a valid token works on every endpoint until it expires, then gets 401 everywhere", async () => {
  const fresh = await stsToken(h.url, ALICE.accountId, ALICE.accountKey);
  const exp = claimsOf(fresh)["exp"] as number;
  assert.equal(exp * 1000, h.clock.now() + TOKEN_SECONDS * 1000, "exp is issue time + tokenSeconds");
  for (const e of endpoints) {
    const r = await send(e, `Bearer ${fresh}`);
    assert.equal(r.status, e.ok, `${e.name} with a valid token: ${r.status} ${r.text}`);
  }
  h.clock.set(exp * 1000 - 1);
  assert.equal((await send(endpoints[1] as Endpoint, `Bearer ${fresh}`)).status, 200, "valid 1 ms before exp");
  h.clock.set(exp * 1000);
  for (const e of endpoints) {
    const r = await send(e, `Bearer ${fresh}`);
    assertRefused(r, 401, `${e.name} with an expired token`);
    assert.match(r.headers.get("www-authenticate") ?? "", /invalid_token/, `${e.name}: the challenge says invalid_token`);
  }
  // Bob's token expired too: an expired token of another account is a 401 (not a 403).
  h.clock.advance(TOKEN_SECONDS * 1000);
  assertRefused(await send(endpoints[1] as Endpoint, `Bearer ${bob}`), 401, "Bob's expired token on Alice's account");
  // A new token works again.
  const renewed = await stsToken(h.url, ALICE.accountId, ALICE.accountKey);
  assert.equal((await send(endpoints[1] as Endpoint, `Bearer ${renewed}`)).status, 200);
});

test("the STS refuses wrong keys, the other account's key and unknown accounts with 401 + WWW-Authenticate", async () => {
  const sts = async (account: string, authorization: string | undefined) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    return reply(await fetch(`${h.url}/Accounts/${account}/token?${STS_API}`, { headers }));
  };
  const cases: [string, string, string | undefined][] = [
    ["no credential", ALICE.accountId, undefined],
    ["wrong key", ALICE.accountId, `Bearer ${ALICE.accountId}:${ALICE.accountKey}x`],
    ["the other account's key", ALICE.accountId, `Bearer ${ALICE.accountId}:${BOB.accountKey}`],
    ["the other account's id and key", ALICE.accountId, `Bearer ${BOB.accountId}:${BOB.accountKey}`],
    ["an unknown account", "c0c00000-0000-4000-8000-000000000c0c", "Bearer c0c00000-0000-4000-8000-000000000c0c:anything"],
    ["an access token instead of a key", ALICE.accountId, `Bearer ${alice}`],
  ];
  for (const [name, account, authorization] of cases) {
    const r = await sts(account, authorization);
    assert.equal(r.status, 401, `${name}: ${r.status} ${r.text}`);
    assert.match(r.headers.get("www-authenticate") ?? "", /^Bearer\b/, `${name}: WWW-Authenticate`);
    assert.equal((r.body as Record<string, unknown>)["AccessToken"], undefined, `${name}: no token`);
    assert.doesNotMatch(r.text, /eyJ/, `${name}: nothing token-shaped`);
  }
});
