// Uploads planned files under a blob prefix, several at a time, skipping every blob whose content is already
// there: one listing of the prefix (blob-listing.ts) gives each blob's size and Content-MD5, compared with the
// file's own MD5. That MD5 comes from the local hash index (hash-index.ts) when the file's stamp is unchanged, so
// a second upload of an unchanged folder reads no file at all; otherwise the file is read: small files once (hash
// and upload from the same bytes), large ones hashed and uploaded as streams. What is sent always carries the MD5
// of the bytes just read, never one from the index.
import type { ContainerClient } from "@azure/storage-blob";
import { createHash } from "node:crypto";
import { createReadStream, type BigIntStats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { listBlobs } from "./blob-listing.js";
import { defaultCacheDir } from "./cache-dir.js";
import { HashIndex, stampOf } from "./hash-index.js";
import type { PlannedFile } from "./preflight.js";

export interface UploadProgress {
  readonly totalFiles: number;
  readonly totalBytes: number;
  readonly doneFiles: number;
  readonly doneBytes: number;
}

export interface UploadOptions {
  readonly container: ContainerClient;
  /** Blob prefix, ending in `/` (or empty). */
  readonly prefix: string;
  readonly files: readonly PlannedFile[];
  /** Files uploaded at once (default 8). */
  readonly parallelism?: number | undefined;
  /**
   * Directory of the local hash index, which spares unchanged files from being read again (default: `upload-index`
   * in the per-user cache directory, see {@link defaultCacheDir}; never the model's folder). `false`: no index,
   * every file is read and hashed.
   */
  readonly hashIndexDir?: string | false | undefined;
  readonly onProgress?: ((progress: UploadProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface UploadSummary {
  /** Files sent. */
  readonly uploaded: number;
  /** Files whose blob already had the same content. */
  readonly skipped: number;
  readonly bytesUploaded: number;
  readonly totalBytes: number;
  /** Files read from disk to hash or send (the others were known unchanged from the local hash index). */
  readonly filesRead: number;
}

const aborts = (signal: AbortSignal | undefined): { abortSignal?: AbortSignal } => (signal === undefined ? {} : { abortSignal: signal });

/** Above this, a file is streamed rather than read into memory. */
const STREAM_ABOVE = 32 * 1024 * 1024;

async function md5OfStream(path: string): Promise<Buffer> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest();
}

/** The folder the files' names are relative to (from the first file), which names the hash index. */
function rootOf(file: PlannedFile): string {
  return file.name.split("/").reduce((dir) => dirname(dir), resolve(file.path));
}

export async function uploadFiles(options: UploadOptions): Promise<UploadSummary> {
  const { container, prefix, files, signal } = options;
  const parallelism = Math.max(1, Math.floor(options.parallelism ?? 8));
  const paths = files.map((f) => resolve(f.path));
  const indexDir = options.hashIndexDir ?? join(defaultCacheDir(), "upload-index");
  const stampedAt = Date.now();
  const [stats, existing, index] = await Promise.all([
    Promise.all(paths.map((path) => stat(path, { bigint: true }))),
    listBlobs(container, prefix, signal),
    files[0] === undefined ? HashIndex.open(false, "") : HashIndex.open(indexDir, rootOf(files[0])),
  ]);
  const sizes = stats.map((s: BigIntStats) => Number(s.size));
  const stamps = stats.map((s: BigIntStats) => stampOf(s, stampedAt));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let doneFiles = 0;
  let doneBytes = 0;
  let uploaded = 0;
  let bytesUploaded = 0;
  let filesRead = 0;
  const report = (): void => options.onProgress?.({ totalFiles: files.length, totalBytes, doneFiles, doneBytes });

  const isThere = (name: string, md5: string, size: number): boolean => {
    const there = existing.get(name);
    return there?.md5 === md5 && there.size === size;
  };

  // Files the index knows and the listing already holds, decided without reading them.
  const toRead: number[] = [];
  files.forEach((file, i) => {
    const size = sizes[i] ?? 0;
    const known = index.lookup(paths[i] as string, stamps[i]);
    if (known !== undefined && isThere(`${prefix}${file.name}`, known, size)) {
      doneFiles++;
      doneBytes += size;
    } else {
      toRead.push(i);
    }
  });
  report();

  const one = async (i: number): Promise<void> => {
    const file = files[i] as PlannedFile;
    const path = paths[i] as string;
    const size = sizes[i] ?? 0;
    const name = `${prefix}${file.name}`;
    const blob = container.getBlockBlobClient(name);
    filesRead++;
    if (size > STREAM_ABOVE) {
      const md5 = await md5OfStream(path);
      const md5Text = md5.toString("base64");
      index.record(path, stamps[i], md5Text);
      if (!isThere(name, md5Text, size)) {
        await blob.uploadFile(path, { blobHTTPHeaders: { blobContentMD5: md5 }, ...aborts(signal) });
        uploaded++;
        bytesUploaded += size;
      }
    } else {
      const bytes = await readFile(path, signal === undefined ? {} : { signal });
      const md5 = createHash("md5").update(bytes).digest();
      const md5Text = md5.toString("base64");
      index.record(path, stamps[i], md5Text);
      // The size listed is compared with the bytes read: the file may have changed since it was stat'ed.
      if (!isThere(name, md5Text, bytes.length)) {
        await blob.uploadData(bytes, { blobHTTPHeaders: { blobContentMD5: md5 }, ...aborts(signal) });
        uploaded++;
        bytesUploaded += bytes.length;
      }
    }
    doneFiles++;
    doneBytes += size;
    report();
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toRead.length) await one(toRead[next++] as number);
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, toRead.length) }, worker));
  await index.save();
  return { uploaded, skipped: files.length - uploaded, bytesUploaded, totalBytes, filesRead };
}
