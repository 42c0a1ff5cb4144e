// Auth boundaries: no token, malformed, forged, expired → 401 with WWW-Authenticate; another account's
// token → 403; no endpoint answers data without a valid token; auth is checked before validation.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { API, STS_API, reply, assertConforms, sessionBody, startHarness, type Harness } from "./support.js";

const ALICE = { accountId: "11111111-1111-4111-8111-111111111111", accountKey: "alice-key-3f9a" };
const BOB = { accountId: "22222222-2222-4222-8222-222222222222", accountKey: "bob-key-77c1" };

let h: Harness;
before(async () => {
  h = await startHarness({ accounts: [ALICE, BOB], tokenSeconds: 2 });
});
after(() => h.close());

const get = (path: string, authorization?: string) =>
  fetch(`${h.url}${path}`, authorization === undefined ? {} : { headers: { Authorization: authorization } }).then(reply);

function forged(accountId: string, secret: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ accountId, exp: 4102444800 })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

test("the STS exchanges an account key for a JWT with exp; wrong keys and other accounts are refused", async () => {
  const token = await h.token(ALICE.accountId);
  const [, payload] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as { accountId: string; exp: number };
  assert.equal(claims.accountId, ALICE.accountId);
  assert.equal(claims.exp * 1000, h.clock.now() + 2_000);
  assert.notEqual(await h.token(ALICE.accountId), token, "every call returns a new token");
  const sts = (path: string, authorization: string) => get(`/Accounts/${path}/token?${STS_API}`, authorization);
  for (const a of [
    await sts(ALICE.accountId, `Bearer ${ALICE.accountId}:${BOB.accountKey}`),
    await sts(BOB.accountId, `Bearer ${ALICE.accountId}:${ALICE.accountKey}`),
    await sts("33333333-3333-4333-8333-333333333333", "Bearer 33333333-3333-4333-8333-333333333333:x"),
    await sts(ALICE.accountId, "Bearer some-entra-token"),
  ]) {
    assert.equal(a.status, 401);
    assertConforms("getToken", a);
  }
});

test("ARR calls: missing, malformed, forged and expired tokens → 401; the other account's → 403", async () => {
  const alice = await h.token(ALICE.accountId);
  const bob = await h.token(BOB.accountId);
  const path = `/accounts/${ALICE.accountId}/sessions/auth-1?${API}`;
  const cases: [string, string | undefined, number][] = [
    ["no header", undefined, 401],
    ["empty bearer", "Bearer ", 401],
    ["not bearer", `Basic ${alice}`, 401],
    ["malformed", "Bearer not.a.jwt", 401],
    ["garbage appended", `Bearer ${alice}x`, 401],
    ["alg none", `Bearer ${Buffer.from('{"alg":"none"}').toString("base64url")}.${alice.split(".")[1]}.`, 401],
    ["signed with another key", `Bearer ${forged(ALICE.accountId, ALICE.accountKey)}`, 401],
    ["the other account's token", `Bearer ${bob}`, 403],
    ["valid", `Bearer ${alice}`, 404],
  ];
  for (const [name, authorization, status] of cases) {
    const a = await get(path, authorization);
    assert.equal(a.status, status, name);
    assertConforms("getSession", a);
    if (status === 401) assert.match(a.headers.get("www-authenticate") ?? "", /^Bearer/, name);
  }
  h.clock.advance(2_000);
  const expired = await get(path, `Bearer ${alice}`);
  assert.equal(expired.status, 401);
  assert.match(expired.headers.get("www-authenticate") ?? "", /invalid_token/);
  assert.match(expired.text, /expired/);
});

test("no endpoint answers data without a valid token, and auth comes before validation", async () => {
  const alice = await h.token(ALICE.accountId);
  const put = await fetch(`${h.url}/accounts/${ALICE.accountId}/sessions/auth-data?${API}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${alice}`, "Content-Type": "application/json" },
    body: JSON.stringify(sessionBody(5)),
  });
  assert.equal(put.status, 201);
  const paths = [
    `/accounts/${ALICE.accountId}/sessions/auth-data?${API}`,
    `/accounts/${ALICE.accountId}/sessions?${API}`,
    `/accounts/${ALICE.accountId}/conversions?${API}`,
    `/accounts/${ALICE.accountId}/conversions/x?${API}`,
    `/accounts/${ALICE.accountId}/sessions/bad.id`, // invalid id, no api-version: still 401 first
    `/nowhere`,
  ];
  for (const path of paths) {
    const a = await get(path);
    assert.equal(a.status, 401, path);
    assert.ok(!a.text.includes("auth-data"), path);
  }
  const bob = await h.token(BOB.accountId);
  const other = await get(`/accounts/${ALICE.accountId}/sessions?${API}`, `Bearer ${bob}`);
  assert.equal(other.status, 403);
  assert.ok(!other.text.includes("auth-data"));
  const stop = await fetch(`${h.url}/accounts/${ALICE.accountId}/sessions/auth-data/:stop?${API}`, { method: "POST", headers: { Authorization: `Bearer ${bob}` } });
  assert.equal(stop.status, 403);
  const still = await get(`/accounts/${ALICE.accountId}/sessions/auth-data?${API}`, `Bearer ${alice}`);
  assert.equal((still.body as { status: string }).status, "Starting", "a refused stop changed nothing");
});
