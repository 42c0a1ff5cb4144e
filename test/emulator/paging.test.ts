// Lists come in pages of 50 with an @nextLink to follow; the cursor does not skip items when others end.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PAGE_SIZE } from "../../src/emulator/index.js";
import { reply, assertConforms, conversionBody, sessionBody, startHarness, type Harness } from "./support.js";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

async function follow(operationId: string, first: string, key: "sessions" | "conversions", between?: () => Promise<void>) {
  const token = await h.token();
  const pages: string[][] = [];
  let next: string | undefined = first;
  while (next !== undefined) {
    const a = await reply(await fetch(next, { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(a.status, 200, a.text);
    assertConforms(operationId, a);
    const body = a.body as Record<string, { id: string }[]> & { "@nextLink"?: string | null };
    pages.push((body[key] ?? []).map((item) => item.id));
    assert.ok("@nextLink" in body, "every page has @nextLink, null on the last one");
    next = body["@nextLink"] ?? undefined;
    if (next !== undefined) assert.ok(next.startsWith(`${h.url}/accounts/`), next);
    if (pages.length === 1) await between?.();
  }
  return pages;
}

test(`sessions: 120 live sessions come as pages of ${PAGE_SIZE}, ${PAGE_SIZE}, 20`, async () => {
  const ids = Array.from({ length: 120 }, (_, i) => `page-${String(i).padStart(3, "0")}`);
  for (const id of ids) assert.equal((await h.call("PUT", `/sessions/${id}`, sessionBody(10))).status, 201);
  await h.call("PUT", "/sessions/page-ended", sessionBody(10));
  await h.call("POST", "/sessions/page-ended/:stop");
  // A session of the first page ends between pages: nothing of the later pages may be skipped.
  const pages = await follow("listSessions", `${h.url}/accounts/${h.emulator.accounts[0]?.accountId}/sessions?api-version=2021-01-01`, "sessions", async () => {
    await h.call("POST", "/sessions/page-000/:stop");
  });
  assert.deepEqual(pages.map((p) => p.length), [50, 50, 20]);
  assert.deepEqual(pages.flat(), ids);
});

test("conversions page the same way, ended ones included", async () => {
  for (let i = 0; i < 55; i++) assert.equal((await h.call("PUT", `/conversions/pc-${i}`, conversionBody())).status, 201);
  const pages = await follow("listConversions", `${h.url}/accounts/${h.emulator.accounts[0]?.accountId}/conversions?api-version=2021-01-01`, "conversions");
  assert.deepEqual(pages.map((p) => p.length), [50, 5]);
});

test("a $skipToken that is not ours is a 400 with target", async () => {
  const a = await h.call("GET", "/sessions?$skipToken=abc");
  assert.equal(a.status, 400);
  assert.equal((a.body as { error: { target?: string } }).error.target, "$skipToken");
  assertConforms("listSessions", a);
});
