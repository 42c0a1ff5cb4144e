// Type-level tests of generated/: this file fails `npm run typecheck` when the generated types regress.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { paths, components } from "../../generated/remote-rendering.js";
import type { paths as stsPaths } from "../../generated/mixed-reality-sts.js";

type SessionPath = paths["/accounts/{account_id}/sessions/{session_id}"];
type CreateBody = NonNullable<SessionPath["put"]["requestBody"]>["content"]["application/json"];
type UpdateBody = NonNullable<SessionPath["patch"]["requestBody"]>["content"]["application/json"];
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T): T => value;

test("create requires size and maxLeaseTimeMinutes; update requires maxLeaseTimeMinutes", () => {
  const ok: CreateBody = { size: "Standard", maxLeaseTimeMinutes: 60 };
  // @ts-expect-error size is required on create
  const noSize: CreateBody = { maxLeaseTimeMinutes: 60 };
  // @ts-expect-error maxLeaseTimeMinutes is required on create
  const noLease: CreateBody = { size: "Premium" };
  // @ts-expect-error size is a string (an open enumeration: "Tiny" would be legal)
  const badSize: CreateBody = { size: 60, maxLeaseTimeMinutes: 60 };
  // @ts-expect-error maxLeaseTimeMinutes is required on update
  const emptyUpdate: UpdateBody = {};
  const update: UpdateBody = { maxLeaseTimeMinutes: 90 };
  assert.deepEqual([ok, noSize, noLease, badSize, emptyUpdate, update].length, 6);
});

test("open enums keep their known values; nullable fields come through as null unions", () => {
  // The transform in scripts/generate.ts: known values for autocompletion, any other string legal.
  assertType<Equals<components["schemas"]["session_size"], "Standard" | "Premium" | (string & {})>>(true);
  assertType<Equals<components["schemas"]["session_status"], "Starting" | "Ready" | "Stopped" | "Expired" | "Error" | (string & {})>>(true);
  assertType<Equals<components["schemas"]["conversion_status"], "NotStarted" | "Running" | "Cancelled" | "Failed" | "Succeeded" | (string & {})>>(true);
  const tiny: components["schemas"]["session_size"] = "Tiny";
  assert.equal(tiny, "Tiny");
  type Props = components["schemas"]["session_properties"];
  assertType<Equals<Props["hostname"], string | null | undefined>>(true);
  assertType<Equals<components["schemas"]["error"]["target"], string | null | undefined>>(true);
  assertType<Equals<components["schemas"]["error"]["innerError"], components["schemas"]["error"] | null | undefined>>(true);
  assertType<Equals<components["schemas"]["conversions_list"]["@nextLink"], string | null | undefined>>(true);
  assertType<Equals<components["schemas"]["session_properties"]["error"], components["schemas"]["error"] | null | undefined>>(true);
  assertType<Equals<components["schemas"]["conversion"]["error"], components["schemas"]["error"] | null>>(true);
  const list: components["schemas"]["sessions_list"] = { sessions: [], "@nextLink": "https://example.test/next" };
  assert.equal(list.sessions.length, 0);
});

test("stop has no request body and a 204 without content; the STS answers an AccessToken", () => {
  type Stop = paths["/accounts/{account_id}/sessions/{session_id}/:stop"]["post"];
  assertType<Equals<Stop["requestBody"], never | undefined>>(true);
  assertType<Equals<Stop["responses"][204]["content"], never | undefined>>(true);
  type Token = stsPaths["/Accounts/{accountId}/token"]["get"]["responses"][200]["content"]["application/json"];
  assertType<Equals<Token, { AccessToken: string }>>(true);
  const token: Token = { AccessToken: "x" };
  assert.equal(token.AccessToken, "x");
});
