// `acceptAnyEntraToken` (issue 12): the STS exchanges a bearer token that is not an account key — a Microsoft
// Entra token, as SDKs send from a TokenCredential — after checking its shape and expiry (not its signature),
// for a token of the path's account. Off by default, with a message naming the option.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ACCOUNT, API, STS_API, reply, startHarness, type Harness } from "./support.js";

const OTHER = "11111111-2222-3333-4444-555555555555";

/** A JWT shaped like an Entra token; the signature is random text (the emulator cannot check it). */
function entraToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "RS256", typ: "JWT", kid: "k1" }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part({ aud: "https://sts.mixedreality.azure.com", iss: "https://login.microsoftonline.com/t/v2.0", ...claims })}.c2lnbmF0dXJl`;
}

async function exchange(h: Harness, credential: string, account = ACCOUNT) {
  return reply(await fetch(`${h.url}/Accounts/${account}/token?${STS_API}`, { headers: { Authorization: `Bearer ${credential}` } }));
}

test("without the option an Entra token is refused with a message naming the option", async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const exp = Math.floor(h.clock.now() / 1000) + 3600;
  const refused = await exchange(h, entraToken({ exp }));
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get("www-authenticate") ?? "", /^Bearer /);
  assert.match((refused.body as { error: { message: string } }).error.message, /--accept-any-entra-token/);
});

test("with the option a well-formed, unexpired Entra token becomes an access token of the path's account", async (t) => {
  const h = await startHarness({ acceptAnyEntraToken: true });
  t.after(() => h.close());
  const exp = Math.floor(h.clock.now() / 1000) + 3600;
  const exchanged = await exchange(h, entraToken({ exp }));
  assert.equal(exchanged.status, 200, exchanged.text);
  assert.equal(exchanged.headers.get("cache-control"), "no-store, no-cache");
  const access = (exchanged.body as { AccessToken: string }).AccessToken;
  const created = await h.call("PUT", "/sessions/entra-1", { size: "Standard", maxLeaseTimeMinutes: 5 }, { token: access });
  assert.equal(created.status, 201, created.text);
  // The token is of the path's account: another account's path is refused with it.
  const forbidden = await fetch(`${h.url}/accounts/${OTHER}/sessions?${API}`, { headers: { Authorization: `Bearer ${access}` } });
  assert.equal(forbidden.status, 403);
  // The account keys still work beside it.
  assert.equal(typeof (await h.token()), "string");
});

test("shape and expiry are checked, against the emulator's clock", async (t) => {
  const h = await startHarness({ acceptAnyEntraToken: true });
  t.after(() => h.close());
  const now = Math.floor(h.clock.now() / 1000);
  const cases: [string, string, RegExp][] = [
    ["expired", entraToken({ exp: now - 1 }), /has expired/],
    ["no exp", entraToken({}), /not a well-formed JWT/],
    ["exp as text", entraToken({ exp: String(now + 60) }), /not a well-formed JWT/],
    ["alg none", entraToken({ exp: now + 60 }, { alg: "none" }), /not a well-formed JWT/],
    ["two parts", entraToken({ exp: now + 60 }).split(".").slice(0, 2).join("."), /not a well-formed JWT/],
    ["claims not JSON", `${entraToken({ exp: now + 60 }).split(".")[0]}.bm90LWpzb24.c2ln`, /not a well-formed JWT/],
    ["not yet valid", entraToken({ exp: now + 7200, nbf: now + 3600 }), /not a well-formed JWT/],
  ];
  for (const [name, credential, message] of cases) {
    const refused = await exchange(h, credential);
    assert.equal(refused.status, 401, name);
    assert.match((refused.body as { error: { message: string } }).error.message, message, name);
  }
  // A token accepted now is refused once the emulator's clock passes its exp.
  const credential = entraToken({ exp: now + 60 });
  assert.equal((await exchange(h, credential)).status, 200);
  h.clock.advance(61_000);
  assert.equal((await exchange(h, credential)).status, 401);
});

test("an Entra token for an account the emulator does not serve is refused", async (t) => {
  const h = await startHarness({ acceptAnyEntraToken: true });
  t.after(() => h.close());
  const refused = await exchange(h, entraToken({ exp: Math.floor(h.clock.now() / 1000) + 60 }), OTHER);
  assert.equal(refused.status, 401);
  assert.match((refused.body as { error: { message: string } }).error.message, /no such account/);
});
