import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from "node:fs";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uploadFiles } from "../../src/storage/upload.js";
import { listBlobs } from "../../src/storage/blob-listing.js";
import { HashIndex } from "../../src/storage/hash-index.js";
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from "../../test/support/azurite.js";
const azurite = await startAzurite();
const dir = mkdtempSync(join(tmpdir(), "prof-"));
const idx = mkdtempSync(join(tmpdir(), "prof-idx-"));
const files: { path: string; name: string }[] = [];
const old = new Date(Date.now() - 3600e3);
for (let i = 0; i < 200; i++) { mkdirSync(join(dir, `p${i % 10}`), { recursive: true }); const p = join(dir, `p${i % 10}/file-${i}.bin`); writeFileSync(p, Buffer.alloc(262144, i)); utimesSync(p, old, old); files.push({ path: p, name: `p${i % 10}/file-${i}.bin` }); }
const container = new ContainerClient(`${azurite.blobEndpoint}/bench`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
await container.create();
const t = async (label: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); return `${label} ${(performance.now() - s).toFixed(1)}`; };
await uploadFiles({ container, prefix: "a/", files, hashIndexDir: idx });
await new Promise((r) => setTimeout(r, 2500));
await uploadFiles({ container, prefix: "a/", files, hashIndexDir: idx });
for (let r = 0; r < 6; r++) {
  const out = [await t("second", () => uploadFiles({ container, prefix: "a/", files, hashIndexDir: idx }))];
  out.push(await t("stat", () => Promise.all(files.map((f) => stat(f.path, { bigint: true })))));
  out.push(await t("list", () => listBlobs(container, "a/")));
  out.push(await t("index", () => HashIndex.open(idx, dir)));
  console.log(out.join("  "));
}
await azurite.stop(); rmSync(dir, { recursive: true, force: true }); rmSync(idx, { recursive: true, force: true });
