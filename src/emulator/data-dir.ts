// The --data-dir folder: journal.ndjson (the events), token-secret (so tokens survive a restart) and
// emulator.lock (so two emulator processes never write one journal). SAS tokens are never written here.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { JOURNAL_HEADER, Journal, parseJournal } from "./journal.js";
import { moveDamagedJournal, type DamagedJournal } from "./journal-repair.js";
import type { EmulatorEvent } from "./store.js";

export interface DataDir {
  readonly secret: Buffer;
  /** The events to replay, in order. */
  readonly events: readonly EmulatorEvent[];
  readonly journal: Journal;
  /** Flushes and closes the journal and removes the lock. */
  close(): Promise<void>;
}

const isMissing = (error: unknown) => (error as { code?: unknown }).code === "ENOENT";

async function syncFolder(dir: string): Promise<void> {
  // Makes a new file's name durable; not supported everywhere (Windows), where it is skipped.
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === "EPERM";
  }
}

async function lock(dir: string): Promise<string> {
  const path = join(dir, "emulator.lock");
  try {
    const pid = Number((await readFile(path, "utf8")).trim());
    // The same process may reopen its folder (a test restarting in-process); a dead holder was killed.
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new Error(`The data dir ${dir} is in use by the emulator process ${pid}.`);
    }
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await writeFile(path, String(process.pid));
  return path;
}

async function loadSecret(dir: string): Promise<Buffer> {
  const path = join(dir, "token-secret");
  try {
    const text = (await readFile(path, "utf8")).trim();
    if (/^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, "hex");
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const secret = randomBytes(32);
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.writeFile(secret.toString("hex"));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncFolder(dir);
  return secret;
}

/** The folder, created when missing; a file in its place is refused in words, not with EEXIST. */
async function makeFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: unknown) => {
    if (isMissing(error) || (error as { code?: unknown }).code === "ENOTDIR") return undefined;
    throw error;
  });
  if (found !== undefined && !found.isDirectory()) {
    throw new Error(`The data dir ${dir} is a file, not a folder: give the path of a folder (it is created when missing).`);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOTDIR" || code === "EEXIST") throw new Error(`The data dir ${dir} cannot be created: a part of its path is a file, not a folder.`);
    throw error;
  }
}

/**
 * `startEmulator` with a `dataDir` whose journal has a damaged line before its last one: starting would lose
 * state silently, so it refuses (the journal is left untouched) unless `repair: true` is given.
 */
export class JournalDamagedError extends Error {
  override readonly name = "JournalDamagedError";
  /** Where the journal is, which lines could not be read, and how many events could. */
  readonly damage: DamagedJournal;
  constructor(damage: DamagedJournal) {
    const { path, lines, readable } = damage;
    const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 5).join(", ")}${lines.length > 5 ? ", …" : ""}`;
    super(
      `The journal ${path} is damaged at ${where} (not a readable event), so starting would lose state; the file was left untouched. ` +
        `Start with --repair (option repair: true) to move it aside, keeping it, and start from the ${readable} event${readable === 1 ? "" : "s"} that can be read.`,
    );
    this.damage = damage;
  }
}

export async function openDataDir(dir: string, log: (line: string) => void, options: { repair?: boolean } = {}): Promise<DataDir> {
  await makeFolder(dir);
  const lockPath = await lock(dir);
  try {
    return await openLocked(dir, lockPath, log, options.repair === true);
  } catch (error) {
    await rm(lockPath, { force: true });
    throw error;
  }
}

async function openLocked(dir: string, lockPath: string, log: (line: string) => void, repair: boolean): Promise<DataDir> {
  const secret = await loadSecret(dir);
  const path = join(dir, "journal.ndjson");
  let content = Buffer.alloc(0);
  try {
    content = await readFile(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const { events, completeBytes, damaged } = parseJournal(content);
  if (damaged.length > 0) {
    const damage = { path, lines: damaged, readable: events.length };
    if (!repair) throw new JournalDamagedError(damage);
    const kept = await moveDamagedJournal(damage, events, JOURNAL_HEADER);
    await syncFolder(dir);
    log(`repaired the journal: the damaged one is kept as ${kept}; started from its ${events.length} readable events`);
  } else if (completeBytes < content.length) {
    // A kill during a write leaves a cut last line; it was never acknowledged, so it is dropped.
    await truncate(path, completeBytes);
    log("dropped an incomplete last journal line (the emulator was stopped while writing it)");
  }
  const file = await open(path, "a");
  if (completeBytes === 0) {
    await file.appendFile(`${JSON.stringify(JOURNAL_HEADER)}\n`);
    await file.datasync();
    await syncFolder(dir);
  }
  const journal = new Journal(file);
  return {
    secret,
    events,
    journal,
    async close() {
      await journal.close();
      await rm(lockPath, { force: true });
    },
  };
}
