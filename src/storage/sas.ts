// SAS tokens for a conversion, signed with the account key: read+list on the input container, write on the
// output container, and a read SAS on the converted asset. They outlive the wait: at least 24 hours (what
// Microsoft's Conversion.ps1 gave) and an hour more than the longest wait asked for, because a SAS that ran out
// during a long conversion broke it.
import { BlobSASPermissions, ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { StorageAccount } from "./connection-string.js";

const HOUR = 3_600_000;
/** The shortest lifetime of the SAS tokens made for a conversion. */
export const MIN_SAS_LIFETIME_MS = 24 * HOUR;

/** How long a conversion's SAS tokens stay valid: ≥ 24 h and an hour longer than `waitTimeoutMs`. */
export function sasLifetimeMs(waitTimeoutMs?: number): number {
  return Math.max(MIN_SAS_LIFETIME_MS, (waitTimeoutMs ?? 0) + HOUR);
}

export interface SasOptions {
  readonly lifetimeMs: number;
  /** Start of validity (default now); 5 minutes are taken off it for clock skew. */
  readonly now?: number | undefined;
}

const window = (options: SasOptions): { startsOn: Date; expiresOn: Date } => {
  const now = options.now ?? Date.now();
  return { startsOn: new Date(now - 5 * 60_000), expiresOn: new Date(now + options.lifetimeMs) };
};

/** A container SAS (query string without `?`) with `permissions` such as `rl` or `w`. */
export function containerSas(account: StorageAccount, container: string, permissions: string, options: SasOptions): string {
  const credential = new StorageSharedKeyCredential(account.accountName, account.accountKey);
  return generateBlobSASQueryParameters(
    { containerName: container, permissions: ContainerSASPermissions.parse(permissions), ...window(options) },
    credential,
  ).toString();
}

/** A URL that reads one blob (a secret: whoever has it can download the blob until it expires). */
export function blobReadUrl(account: StorageAccount, container: string, blobName: string, options: SasOptions): string {
  const credential = new StorageSharedKeyCredential(account.accountName, account.accountKey);
  const sas = generateBlobSASQueryParameters(
    { containerName: container, blobName, permissions: BlobSASPermissions.parse("r"), ...window(options) },
    credential,
  ).toString();
  return `${account.blobEndpoint}/${encodeURIComponent(container)}/${blobName.split("/").map(encodeURIComponent).join("/")}?${sas}`;
}
