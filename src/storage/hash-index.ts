// The upload's local hash index, like git's: the MD5 of each file uploaded from a folder, keyed by its absolute
// path and stamped with size, mtime, ctime and inode (nanoseconds), so a second upload of unchanged files does not
// read them again. Any change of the stamp means "hash again"; a missing, unreadable or corrupt index means the
// same for every file. The index only says what a local file holds: whether the blob is already there is decided
// by the blob listing (size and Content-MD5), always.
//
// "Racily clean" files (git's term) are never recorded: a file modified within the file system's timestamp
// granularity after it was stamped could keep the same stamp with new content, so a stamp is only trusted when
// the file's mtime and ctime are older than RACY_MS before the moment it was taken.
import { createHash, randomBytes } from "node:crypto";
import type { BigIntStats } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const VERSION = 1;
/** The coarsest timestamp granularity in use (FAT: 2 s): a later change always gets a later mtime than this. */
const RACY_MS = 2000n;
/** Entries kept per index file; older entries of files not in this upload are dropped first. */
const MAX_ENTRIES = 50_000;
const MD5_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

/** A file's identity at one moment, or undefined when it changed too recently to be trusted later. */
export function stampOf(stats: BigIntStats, takenAtMs: number): string | undefined {
  const limitNs = (BigInt(Math.floor(takenAtMs)) - RACY_MS) * 1_000_000n;
  if (stats.mtimeNs >= limitNs || stats.ctimeNs >= limitNs) return undefined;
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}`;
}

type Entries = Map<string, { stamp: string; md5: string }>;

export class HashIndex {
  private readonly kept: Entries = new Map();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly previous: Entries,
  ) {}

  /** The index of the files under `root`, kept in `dir` (false: none — every lookup misses, nothing is written). */
  static async open(dir: string | false, root: string): Promise<HashIndex> {
    if (dir === false) return new HashIndex(undefined, new Map());
    const file = join(dir, `${createHash("sha256").update(root).digest("hex").slice(0, 32)}.json`);
    return new HashIndex(file, await load(file));
  }

  /** The MD5 (base64) recorded for this path with this stamp, if any; a hit is kept in the index. */
  lookup(path: string, stamp: string | undefined): string | undefined {
    if (stamp === undefined) return undefined;
    const entry = this.previous.get(path);
    if (entry?.stamp !== stamp) return undefined;
    this.kept.set(path, entry);
    return entry.md5;
  }

  /** Records a hash just computed from the file's bytes (stamp undefined: racy, not recorded). */
  record(path: string, stamp: string | undefined, md5: string): void {
    if (stamp === undefined) return;
    const before = this.previous.get(path);
    if (before?.stamp !== stamp || before.md5 !== md5) this.changed = true;
    this.kept.set(path, { stamp, md5 });
  }

  /** Writes the index when it learnt something. Best effort: a cache that cannot be written only costs time. */
  async save(): Promise<void> {
    if (this.file === undefined || !this.changed) return;
    const files: Record<string, [string, string]> = {};
    let count = 0;
    for (const [path, { stamp, md5 }] of this.kept) files[path] = [stamp, md5];
    count = this.kept.size;
    for (const [path, { stamp, md5 }] of this.previous) {
      if (count >= MAX_ENTRIES) break;
      if (this.kept.has(path)) continue;
      files[path] = [stamp, md5];
      count++;
    }
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await mkdir(join(this.file, ".."), { recursive: true, mode: 0o700 });
      await writeFile(temporary, JSON.stringify({ version: VERSION, files }), { mode: 0o600 });
      await rename(temporary, this.file);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

async function load(file: string): Promise<Entries> {
  const entries: Entries = new Map();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return entries;
  }
  if (typeof data !== "object" || data === null || (data as { version?: unknown }).version !== VERSION) return entries;
  const files = (data as { files?: unknown }).files;
  if (typeof files !== "object" || files === null) return entries;
  for (const [path, value] of Object.entries(files)) {
    if (!Array.isArray(value) || value.length !== 2) continue;
    const [stamp, md5] = value as unknown[];
    if (typeof stamp === "string" && typeof md5 === "string" && MD5_BASE64.test(md5)) entries.set(path, { stamp, md5 });
  }
  return entries;
}
