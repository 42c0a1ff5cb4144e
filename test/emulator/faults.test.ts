// Injected faults: a seeded fail rate is repeatable, fails with 500/503 error_responses, and a failed
// request changed nothing; the throttle answers 429 with Retry-After until the window has room.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertConforms, sessionBody, startHarness } from "./support.js";

async function run(seed: number): Promise<{ statuses: number[]; created: string[] }> {
  const h = await startHarness({ failRate: 0.3, seed });
  try {
    // The STS is subject to faults too: keep asking until a token comes.
    let token: string | undefined;
    const statuses: number[] = [];
    while (token === undefined) {
      const r = await fetch(`${h.url}/Accounts/${h.emulator.accounts[0]?.accountId}/token?api-version=2019-02-28-preview`, {
        headers: { Authorization: `Bearer ${h.emulator.accounts[0]?.accountId}:${h.emulator.accounts[0]?.accountKey}` },
      });
      statuses.push(r.status);
      if (r.status === 200) token = ((await r.json()) as { AccessToken: string }).AccessToken;
      else await r.arrayBuffer();
    }
    const created: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `fault-${i}`;
      const a = await h.call("PUT", `/sessions/${id}`, sessionBody(), { token });
      statuses.push(a.status);
      assertConforms("createSession", a);
      if (a.status >= 500) {
        assert.ok(a.status === 500 || a.status === 503);
        // Failed: nothing may have changed. Ask until the fault dice let the read through.
        let check = await h.call("GET", `/sessions/${id}`, undefined, { token });
        while (check.status >= 500) check = await h.call("GET", `/sessions/${id}`, undefined, { token });
        assert.equal(check.status, 404, `${id} was created by a failed request`);
      } else {
        assert.equal(a.status, 201);
        created.push(id);
      }
    }
    return { statuses, created };
  } finally {
    await h.close();
  }
}

test("a fail rate with a seed is repeatable, and a failed request changed nothing", async () => {
  const first = await run(42);
  const second = await run(42);
  assert.deepEqual(second, first);
  const failures = first.statuses.filter((s) => s >= 500).length;
  assert.ok(failures >= 5 && failures <= 30, `${failures} failures of ${first.statuses.length} at rate 0.3`);
  assert.ok(first.statuses.includes(500) && first.statuses.includes(503));
  const other = await run(7);
  assert.notDeepEqual(other.statuses, first.statuses, "another seed, another sequence");
});

test("throttle N: the N+1th request on one id within 10 s → 429 with Retry-After; other ids unaffected", async () => {
  const h = await startHarness({ throttle: 3 });
  try {
    assert.equal((await h.call("PUT", "/sessions/busy", sessionBody())).status, 201);
    h.clock.advance(4_000);
    assert.equal((await h.call("GET", "/sessions/busy")).status, 200);
    assert.equal((await h.call("GET", "/sessions/busy")).status, 200);
    const throttled = await h.call("GET", "/sessions/busy");
    assert.equal(throttled.status, 429);
    assertConforms("getSession", throttled);
    assert.equal(throttled.headers.get("retry-after"), "6", "the first request leaves the window 6 s from now");
    assert.equal((await h.call("POST", "/sessions/busy/:stop")).status, 429, "a throttled stop changes nothing");
    assert.equal((await h.call("GET", "/sessions/calm")).status, 404, "other ids have their own budget");
    h.clock.advance(5_999);
    assert.equal((await h.call("GET", "/sessions/busy")).status, 429);
    h.clock.advance(1);
    const allowed = await h.call("GET", "/sessions/busy");
    assert.equal(allowed.status, 200);
    assert.equal((allowed.body as { status: string }).status, "Ready", "not stopped by the throttled stop");
    for (let i = 0; i < 10; i++) assert.equal((await h.call("GET", "/sessions")).status, 200, "lists are not per id");
  } finally {
    await h.close();
  }
});
