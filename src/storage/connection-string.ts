// Storage connection strings (`DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;BlobEndpoint=…`, or
// `UseDevelopmentStorage=true` for Azurite) parsed into what the blob client and SAS signing need. Errors name
// the missing part, never the string: it holds the account key.
import { StorageError } from "./errors.js";

/** A storage account reached with its shared key. */
export interface StorageAccount {
  readonly accountName: string;
  /** Base64 shared key: a secret. */
  readonly accountKey: string;
  /** Blob service URL without a trailing slash, e.g. `https://contoso.blob.core.windows.net` or `http://127.0.0.1:10000/devstoreaccount1`. */
  readonly blobEndpoint: string;
}

/** Azurite's documented development account (public, not a secret). */
export const AZURITE_ACCOUNT_NAME = "devstoreaccount1";
export const AZURITE_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

const invalid = (message: string, rule: string): StorageError =>
  new StorageError({ code: "InvalidConnectionString", message, field: "connectionString", rule });

/** Parses a connection string with an account key; throws {@link StorageError} `InvalidConnectionString`. */
export function parseConnectionString(connectionString: string): StorageAccount {
  if (typeof connectionString !== "string" || connectionString.trim() === "") {
    throw invalid("The storage connection string is empty.", "required");
  }
  const parts = new Map<string, string>();
  for (const piece of connectionString.split(";")) {
    if (piece.trim() === "") continue;
    const eq = piece.indexOf("=");
    if (eq <= 0) throw invalid("The storage connection string is not a list of Name=value pairs.", "format");
    parts.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  if (parts.get("usedevelopmentstorage")?.toLowerCase() === "true") {
    return { accountName: AZURITE_ACCOUNT_NAME, accountKey: AZURITE_ACCOUNT_KEY, blobEndpoint: `http://127.0.0.1:10000/${AZURITE_ACCOUNT_NAME}` };
  }
  const accountName = parts.get("accountname");
  const accountKey = parts.get("accountkey");
  if (accountName === undefined || accountName === "") throw invalid("The storage connection string has no AccountName.", "required");
  if (accountKey === undefined || accountKey === "") {
    throw invalid("The storage connection string has no AccountKey (a SAS connection string cannot sign SAS tokens).", "required");
  }
  let blobEndpoint = parts.get("blobendpoint");
  if (blobEndpoint === undefined) {
    const protocol = parts.get("defaultendpointsprotocol") ?? "https";
    const suffix = parts.get("endpointsuffix") ?? "core.windows.net";
    blobEndpoint = `${protocol}://${accountName}.blob.${suffix}`;
  }
  try {
    const url = new URL(blobEndpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
  } catch {
    throw invalid("The BlobEndpoint of the storage connection string is not an http(s) URL.", "format");
  }
  return { accountName, accountKey, blobEndpoint: blobEndpoint.replace(/\/+$/, "") };
}

/**
 * The container a URL names when it lies under the account's blob endpoint (`<endpoint>/<container>[/…]`), or
 * undefined. Query strings (a SAS) are ignored.
 */
export function containerOf(account: StorageAccount, containerUrl: string): string | undefined {
  let url: URL;
  let endpoint: URL;
  try {
    url = new URL(containerUrl);
    endpoint = new URL(account.blobEndpoint);
  } catch {
    return undefined;
  }
  if (url.origin.toLowerCase() !== endpoint.origin.toLowerCase()) return undefined;
  const base = endpoint.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${base}/`)) return undefined;
  const name = decodeURIComponent(url.pathname.slice(base.length + 1).split("/")[0] ?? "");
  return name === "" ? undefined : name;
}
