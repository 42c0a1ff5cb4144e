// uploadFiles against Azurite: what a second upload skips and what it must not. The local hash index spares
// unchanged files from being read; the blob listing still decides what is already there, so a changed file or a
// deleted or overwritten blob is sent again. Files are dated an hour back (utimes) unless a test needs them fresh:
// a file changed less than two seconds before its stamp was taken is never trusted from the index.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, type BigIntStats } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { defaultCacheDir, uploadFiles, type PlannedFile } from "../../src/storage/index.js";
import { stampOf } from "../../src/storage/hash-index.js";
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type Azurite } from "../support/azurite.js";

let azurite: Azurite;
let container: ContainerClient;
let dir: string;
let counter = 0;


after(async () => {
  await azurite?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A fresh folder of `count` files (`sub/f<i>.bin`, 1 KB each) dated an hour back, its own index dir and prefix. */
function folder(count: number): { files: PlannedFile[]; root: string; hashIndexDir: string; prefix: string } {
  const root = join(dir, `model-${++counter}`);
  const files: PlannedFile[] = [];
  for (let i = 0; i < count; i++) {
    const name = `sub/f${i}.bin`;
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, name), Buffer.alloc(1024, i));
    utimesSync(join(root, name), HOUR_AGO, HOUR_AGO);
    files.push({ path: join(root, name), name });
  }
  return { files, root, hashIndexDir: join(dir, `index-${counter}`), prefix: `m${counter}/` };
}

type Folder = ReturnType<typeof folder>;
const folders: Record<"unchanged" | "changed" | "mtimeBack" | "blobs" | "corrupt" | "racy" | "stale" | "touched", Folder> = {} as never;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Every test's folder uploaded once, then again once the files' ctimes (set by utimes just now) are old enough to
// be trusted: that second pass reads every file and records its stamp. Then two folders change and age past the
// racy window too, so their tests see a recorded stamp that no longer matches. Two waits for all tests.
before(async () => {
  azurite = await startAzurite();
  container = new ContainerClient(`${azurite.blobEndpoint}/uploads`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  await container.create();
  dir = mkdtempSync(join(tmpdir(), "arr-upload-"));
  const sizes = { unchanged: 5, changed: 3, mtimeBack: 2, blobs: 3, corrupt: 3, racy: 2, stale: 3, touched: 2 } as const;
  for (const [key, count] of Object.entries(sizes)) folders[key as keyof typeof sizes] = folder(count);
  for (const f of Object.values(folders)) assert.equal((await uploadFiles({ container, ...f })).uploaded, f.files.length);
  await sleep(2100);
  for (const f of Object.values(folders)) {
    const second = await uploadFiles({ container, ...f });
    assert.deepEqual([second.uploaded, second.filesRead], [0, f.files.length], "the files' stamps are recorded on this pass");
  }
  writeFileSync(folders.stale.files[1]!.path, Buffer.alloc(1024, 0xcd));
  const touchedAt = new Date(Date.now() - 30_000);
  utimesSync(folders.touched.files[0]!.path, touchedAt, touchedAt);
  await sleep(2100);
});

const blobText = async (name: string): Promise<Buffer> => container.getBlockBlobClient(name).downloadToBuffer();

test("a second upload of an unchanged folder reads no file and sends nothing; the index lives outside the folder", async () => {
  const f = folders.unchanged;
  const third = await uploadFiles({ container, ...f });
  assert.deepEqual(third, { uploaded: 0, skipped: 5, bytesUploaded: 0, totalBytes: 5 * 1024, filesRead: 0 });
  assert.deepEqual(readdirSync(f.root).sort(), ["sub"]);
  assert.deepEqual(readdirSync(join(f.root, "sub")).sort(), ["f0.bin", "f1.bin", "f2.bin", "f3.bin", "f4.bin"]);
  assert.equal(readdirSync(f.hashIndexDir).filter((n) => n.endsWith(".json")).length, 1);
});

test("a file changed in place just now (same size, new content, new mtime) is read and uploaded", async () => {
  const f = folders.changed;
  writeFileSync(f.files[1]!.path, Buffer.alloc(1024, 0xee));
  const later = new Date(Date.now() - 60_000);
  utimesSync(f.files[1]!.path, later, later);
  const again = await uploadFiles({ container, ...f });
  assert.deepEqual([again.uploaded, again.filesRead], [1, 1]);
  assert.deepEqual(await blobText(`${f.prefix}sub/f1.bin`), Buffer.alloc(1024, 0xee));
});

test("a file changed in place long enough ago (same size, its recorded stamp out of date) is read and uploaded", async () => {
  const f = folders.stale;
  const again = await uploadFiles({ container, ...f });
  assert.deepEqual([again.uploaded, again.filesRead], [1, 1]);
  assert.deepEqual(await blobText(`${f.prefix}sub/f1.bin`), Buffer.alloc(1024, 0xcd));
  assert.equal((await uploadFiles({ container, ...f })).filesRead, 0, "its new stamp is recorded");
});

test("a file only touched (new mtime, same content) is read again but not sent, and its new stamp recorded", async () => {
  const f = folders.touched;
  const again = await uploadFiles({ container, ...f });
  assert.deepEqual([again.uploaded, again.filesRead], [0, 1]);
  assert.equal((await uploadFiles({ container, ...f })).filesRead, 0);
});

test("a file changed with its old mtime put back is still caught (its ctime is new)", async () => {
  const f = folders.mtimeBack;
  writeFileSync(f.files[0]!.path, Buffer.alloc(1024, 0xab));
  utimesSync(f.files[0]!.path, HOUR_AGO, HOUR_AGO);
  const again = await uploadFiles({ container, ...f });
  assert.equal(again.uploaded, 1);
  assert.deepEqual(await blobText(`${f.prefix}sub/f0.bin`), Buffer.alloc(1024, 0xab));
});

test("a deleted blob and a blob overwritten with other content are uploaded again, though the files are unchanged", async () => {
  const f = folders.blobs;
  await container.getBlockBlobClient(`${f.prefix}sub/f0.bin`).delete();
  await container.getBlockBlobClient(`${f.prefix}sub/f2.bin`).uploadData(Buffer.alloc(1024, 0x55));
  const again = await uploadFiles({ container, ...f });
  assert.deepEqual([again.uploaded, again.skipped], [2, 1]);
  assert.deepEqual(await blobText(`${f.prefix}sub/f0.bin`), Buffer.alloc(1024, 0));
  assert.deepEqual(await blobText(`${f.prefix}sub/f2.bin`), Buffer.alloc(1024, 2));
  // Under another prefix (a blob that never was there) the index alone never skips an upload either.
  const elsewhere = await uploadFiles({ container, ...f, prefix: `other-${f.prefix}` });
  assert.equal(elsewhere.uploaded, 3);
});

test("a corrupt or missing index only means reading every file again, then it is rebuilt", async () => {
  const f = folders.corrupt;
  const [indexFile] = readdirSync(f.hashIndexDir).filter((n) => n.endsWith(".json"));
  writeFileSync(join(f.hashIndexDir, indexFile!), '{"version":1,"files":{"x":');
  const afterCorrupt = await uploadFiles({ container, ...f });
  assert.deepEqual([afterCorrupt.uploaded, afterCorrupt.filesRead], [0, 3]);
  assert.equal((await uploadFiles({ container, ...f })).filesRead, 0, "rebuilt");
  rmSync(f.hashIndexDir, { recursive: true });
  assert.deepEqual(await uploadFiles({ container, ...f }).then((s) => [s.uploaded, s.filesRead]), [0, 3]);
});

test("a file changed just now is not trusted from the index (racy), and hashIndexDir false reads every file", async () => {
  const f = folders.racy;
  writeFileSync(f.files[0]!.path, Buffer.alloc(1024, 0x77));
  const fresh = await uploadFiles({ container, ...f });
  assert.deepEqual([fresh.uploaded, fresh.filesRead], [1, 1]);
  // Still inside the racy window: read again (and found already uploaded), never recorded.
  const soon = await uploadFiles({ container, ...f });
  assert.deepEqual([soon.uploaded, soon.filesRead], [0, 1]);
  const noIndex = await uploadFiles({ container, ...f, hashIndexDir: false });
  assert.deepEqual([noIndex.uploaded, noIndex.filesRead], [0, 2]);
});

test("the default cache directory: ARR_CACHE_DIR, else the platform's per-user cache", () => {
  assert.equal(defaultCacheDir({ ARR_CACHE_DIR: "/tmp/c" }, "linux", "/home/u"), "/tmp/c");
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux", "/home/u"), "/x/cache/remote-rendering-client");
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "relative" }, "linux", "/home/u"), "/home/u/.cache/remote-rendering-client");
  assert.equal(defaultCacheDir({}, "linux", "/home/u"), "/home/u/.cache/remote-rendering-client");
  assert.equal(defaultCacheDir({}, "darwin", "/Users/u"), "/Users/u/Library/Caches/remote-rendering-client");
  assert.match(defaultCacheDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32", "C:\\Users\\u"), /remote-rendering-client.Cache$/);
});

test("a stamp changes with size, mtime, ctime, inode or device, and is withheld while the file is racily new", () => {
  const now = Date.UTC(2026, 0, 1);
  const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;
  const stats = (over: Partial<Record<"size" | "mtimeNs" | "ctimeNs" | "ino" | "dev", bigint>> = {}): BigIntStats =>
    ({ size: 1024n, mtimeNs: ns(now - 60_000), ctimeNs: ns(now - 60_000), ino: 7n, dev: 1n, ...over }) as BigIntStats;
  const base = stampOf(stats(), now);
  assert.ok(base !== undefined);
  for (const over of [{ size: 1025n }, { mtimeNs: ns(now - 59_999) }, { ctimeNs: ns(now - 30_000) }, { ino: 8n }, { dev: 2n }]) {
    assert.notEqual(stampOf(stats(over), now), base, JSON.stringify(over, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  }
  assert.equal(stampOf(stats({ mtimeNs: ns(now - 1_000), ctimeNs: ns(now - 1_000) }), now), undefined, "modified a second ago");
  assert.equal(stampOf(stats({ ctimeNs: ns(now - 1_000) }), now), undefined, "metadata changed a second ago");
});
