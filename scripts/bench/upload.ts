// Upload to Azurite: our uploadFiles (MD5 per file, skip-if-same listing, 8 at a time) against a baseline of
// @azure/storage-blob's own BlockBlobClient.uploadFile over the same 200 files (50 MB) with the same
// parallelism, interleaved; then our second upload of the unchanged folder against our first. Our hash index
// lives in a temporary directory of its own (not the user's cache), removed with the files.
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uploadFiles } from "../../src/storage/upload.js";
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from "../../test/support/azurite.js";

export interface UploadFigures {
  ours: number[];
  baseline: number[];
  second: number[];
  files: number;
  bytes: number;
}

const PARALLELISM = 8;

/** 200 files, 50 MB in all, sizes spread 50–450 KB, in nested folders; deterministic content. */
function writeFolder(dir: string): { path: string; name: string }[] {
  const files: { path: string; name: string }[] = [];
  const total = 50 * 1024 * 1024;
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const weights = Array.from({ length: 200 }, () => 1 + (next() % 9));
  const sum = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => {
    const name = `part-${Math.floor(i / 20)}/file-${i}.bin`;
    mkdirSync(join(dir, `part-${Math.floor(i / 20)}`), { recursive: true });
    const bytes = Buffer.alloc(Math.floor((w / sum) * total));
    for (let j = 0; j < bytes.length; j += 4) bytes.writeUInt32LE(next(), Math.min(j, bytes.length - 4));
    writeFileSync(join(dir, name), bytes);
    files.push({ path: join(dir, name), name });
  });
  return files;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

export async function measureUpload(repetitions: number, log: (line: string) => void): Promise<UploadFigures> {
  const azurite = await startAzurite();
  const dir = mkdtempSync(join(tmpdir(), "arr-bench-upload-"));
  const hashIndexDir = mkdtempSync(join(tmpdir(), "arr-bench-upload-index-"));
  try {
    const files = writeFolder(dir);
    const container = new ContainerClient(`${azurite.blobEndpoint}/bench`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
    await container.create();
    const baselineUpload = async (prefix: string): Promise<void> => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length) {
          const file = files[next++]!;
          await container.getBlockBlobClient(`${prefix}${file.name}`).uploadFile(file.path);
        }
      };
      await Promise.all(Array.from({ length: PARALLELISM }, worker));
    };
    const figures: UploadFigures = { ours: [], baseline: [], second: [], files: files.length, bytes: 0 };
    // One warm-up of each, not counted.
    await uploadFiles({ container, prefix: "warm-ours/", files, parallelism: PARALLELISM, hashIndexDir });
    await baselineUpload("warm-base/");
    for (let round = 0; round < repetitions; round++) {
      log(`upload to Azurite, round ${round + 1}/${repetitions}…`);
      const order = round % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"];
      for (const which of order) {
        if (which === "ours") {
          let summary = { bytesUploaded: 0, totalBytes: 0, uploaded: 0 };
          figures.ours.push(await timed(async () => (summary = await uploadFiles({ container, prefix: `ours-${round}/`, files, parallelism: PARALLELISM, hashIndexDir }))));
          figures.bytes = summary.totalBytes;
          if (summary.uploaded !== files.length) throw new Error(`first upload sent ${summary.uploaded} files`);
        } else {
          figures.baseline.push(await timed(() => baselineUpload(`base-${round}/`)));
        }
      }
      let again = { uploaded: -1 };
      figures.second.push(await timed(async () => (again = await uploadFiles({ container, prefix: `ours-${round}/`, files, parallelism: PARALLELISM, hashIndexDir }))));
      if (again.uploaded !== 0) throw new Error(`the unchanged second upload sent ${again.uploaded} files`);
    }
    return figures;
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(hashIndexDir, { recursive: true, force: true });
  }
}
