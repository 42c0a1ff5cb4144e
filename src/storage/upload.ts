// Uploads planned files under a blob prefix, several at a time, skipping every blob whose content is already
// there: one listing of the prefix (blob-listing.ts) gives each blob's Content-MD5, compared with the file's own MD5. Small
// files are read once (hash and upload from the same bytes); large ones are hashed and uploaded as streams.
import type { ContainerClient } from "@azure/storage-blob";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { listBlobs } from "./blob-listing.js";
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
}

const aborts = (signal: AbortSignal | undefined): { abortSignal?: AbortSignal } => (signal === undefined ? {} : { abortSignal: signal });

/** Above this, a file is streamed rather than read into memory. */
const STREAM_ABOVE = 32 * 1024 * 1024;

async function md5OfStream(path: string): Promise<Buffer> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest();
}

export async function uploadFiles(options: UploadOptions): Promise<UploadSummary> {
  const { container, prefix, files, signal } = options;
  const parallelism = Math.max(1, Math.floor(options.parallelism ?? 8));
  const sizes = await Promise.all(files.map(async (f) => (await stat(f.path)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const existing = await listBlobs(container, prefix, signal);
  let doneFiles = 0;
  let doneBytes = 0;
  let uploaded = 0;
  let bytesUploaded = 0;
  const report = (): void => options.onProgress?.({ totalFiles: files.length, totalBytes, doneFiles, doneBytes });
  report();

  const one = async (file: PlannedFile, size: number): Promise<void> => {
    const name = `${prefix}${file.name}`;
    const blob = container.getBlockBlobClient(name);
    const there = existing.get(name);
    if (size > STREAM_ABOVE) {
      const md5 = await md5OfStream(file.path);
      if (there?.md5 !== md5.toString("base64") || there.size !== size) {
        await blob.uploadFile(file.path, { blobHTTPHeaders: { blobContentMD5: md5 }, ...aborts(signal) });
        uploaded++;
        bytesUploaded += size;
      }
    } else {
      const bytes = await readFile(file.path, signal === undefined ? {} : { signal });
      const md5 = createHash("md5").update(bytes).digest();
      if (there?.md5 !== md5.toString("base64") || there.size !== size) {
        await blob.uploadData(bytes, { blobHTTPHeaders: { blobContentMD5: md5 }, ...aborts(signal) });
        uploaded++;
        bytesUploaded += size;
      }
    }
    doneFiles++;
    doneBytes += size;
    report();
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      await one(files[i] as PlannedFile, sizes[i] ?? 0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, files.length) }, worker));
  return { uploaded, skipped: files.length - uploaded, bytesUploaded, totalBytes };
}
