// 200 concurrent creates of one id yield exactly one 201 (the rest 200), in memory and with a data dir.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT, API, sessionBody, startHarness, type Harness } from "./support.js";

async function race(h: Harness, id: string): Promise<number[]> {
  const token = await h.token();
  const init = {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(sessionBody(30)),
  };
  const responses = await Promise.all(Array.from({ length: 200 }, () => fetch(`${h.url}/accounts/${ACCOUNT}/sessions/${id}?${API}`, init)));
  await Promise.all(responses.map((r) => r.arrayBuffer()));
  return responses.map((r) => r.status);
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

test("200 concurrent creates of one id in memory → exactly one 201", async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const statuses = await race(h, "race-1");
  assert.equal(count(statuses, 201), 1);
  assert.equal(count(statuses, 200), 199);
});

test("200 concurrent creates of one id with a data dir → exactly one 201, one journal entry", async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "arr-emulator-"));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const h = await startHarness({ dataDir });
  t.after(() => h.close());
  const statuses = await race(h, "race-2");
  assert.equal(count(statuses, 201), 1);
  assert.equal(count(statuses, 200), 199);
  await h.close();
  const again = await startHarness({ dataDir });
  t.after(() => again.close());
  assert.ok(again.logs.some((l) => l.startsWith("replayed 1 journal events")), again.logs.join("\n"));
});
