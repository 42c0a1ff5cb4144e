// A journal damaged in the middle is not skipped silently: the emulator refuses to start, naming the file and
// the line, and leaves the file as it was; `repair` moves it aside (kept byte for byte) and starts from every
// event it can read. A data dir that is a file is refused in words.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { JournalDamagedError, startEmulator } from "../../src/emulator/index.js";
import { sessionBody, startHarness } from "./support.js";

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arr-journal-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A data dir holding three sessions, the second one's line (line 3) overwritten with garbage. */
async function damagedDataDir(dir: string): Promise<{ journal: string; bytes: Buffer }> {
  const first = await startHarness({ dataDir: dir });
  for (const id of ["one", "two", "three"]) assert.equal((await first.call("PUT", `/sessions/${id}`, sessionBody(10))).status, 201);
  await first.close();
  const journal = join(dir, "journal.ndjson");
  const lines = (await readFile(journal, "utf8")).split("\n");
  assert.match(lines[2] ?? "", /"id":"two"/, "line 3 is the second session");
  lines[2] = '{"type":"sessionCreated","id":"tw\u0000 garbage';
  await writeFile(journal, lines.join("\n"));
  return { journal, bytes: await readFile(journal) };
}

test("a damaged line in the middle: start refused naming file and line; the file is untouched", async (t) => {
  const dir = await folder(t);
  const { journal, bytes } = await damagedDataDir(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    await assert.rejects(startEmulator({ dataDir: dir }), (e: unknown) => {
      assert.ok(e instanceof JournalDamagedError);
      assert.deepEqual(e.damage, { path: journal, lines: [3], readable: 2 });
      assert.ok(e.message.includes(journal), e.message);
      assert.match(e.message, /line 3\b/);
      assert.match(e.message, /--repair/);
      return true;
    });
  }
  assert.deepEqual(await readFile(journal), bytes, "the journal was not changed");
  assert.deepEqual((await readdir(dir)).sort(), ["journal.ndjson", "token-secret"], "no lock left behind, nothing moved");
});

test("repair: the damaged journal is kept aside and the readable events are served", async (t) => {
  const dir = await folder(t);
  const { bytes } = await damagedDataDir(dir);
  const repaired = await startHarness({ dataDir: dir, repair: true });
  t.after(() => repaired.close());
  assert.equal((await repaired.call("GET", "/sessions/one")).status, 200);
  assert.equal((await repaired.call("GET", "/sessions/three")).status, 200);
  assert.equal((await repaired.call("GET", "/sessions/two")).status, 404, "the damaged event is gone");
  const kept = (await readdir(dir)).filter((n) => n.startsWith("journal.ndjson.damaged-"));
  assert.equal(kept.length, 1);
  assert.deepEqual(await readFile(join(dir, kept[0] ?? "")), bytes, "the damaged journal is kept as it was");
  assert.ok(repaired.logs.some((l) => l.includes(kept[0] ?? "?") && l.includes("2 readable events")), repaired.logs.join("\n"));
  // The new journal is whole: a further restart (without repair) starts and still has both sessions.
  assert.equal((await repaired.call("PUT", "/sessions/four", sessionBody(10))).status, 201);
  await repaired.close();
  const again = await startHarness({ dataDir: dir });
  t.after(() => again.close());
  for (const id of ["one", "three", "four"]) assert.equal((await again.call("GET", `/sessions/${id}`)).status, 200, id);
});

test("a data dir that is a file is refused in words", async (t) => {
  const dir = await folder(t);
  const file = join(dir, "not-a-folder");
  await writeFile(file, "x");
  await assert.rejects(startEmulator({ dataDir: file }), /is a file, not a folder/);
  await assert.rejects(startEmulator({ dataDir: join(file, "below") }), /a part of its path is a file/);
});
