// A container given by name (`arr-input`) or URL (`https://acct.blob.core.windows.net/arr-input`) on the
// account of the connection string: checked, and created when missing.
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { containerOf, type StorageAccount } from "./connection-string.js";
import { StorageError } from "./errors.js";

/** Default containers of `arr convert`. */
export const DEFAULT_INPUT_CONTAINER = "arr-input";
export const DEFAULT_OUTPUT_CONTAINER = "arr-output";

const NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** The container's name; throws {@link StorageError} `InvalidContainer` naming the option. */
export function containerName(account: StorageAccount, nameOrUrl: string, field: string): string {
  if (/^https?:\/\//i.test(nameOrUrl)) {
    const name = containerOf(account, nameOrUrl);
    if (name === undefined) {
      throw new StorageError({
        code: "InvalidContainer",
        message: `${field}: ${nameOrUrl.replace(/[?#].*$/, "")} is not a container of the storage account ${account.accountName}.`,
        field,
        rule: "account",
      });
    }
    return name;
  }
  if (!NAME.test(nameOrUrl)) {
    throw new StorageError({
      code: "InvalidContainer",
      message: `${field}: '${nameOrUrl}' is not a container name (3–63 lower-case letters, digits and single hyphens).`,
      field,
      rule: "pattern",
    });
  }
  return nameOrUrl;
}

/** A client of the container, authorised with the account key. */
export function containerClient(account: StorageAccount, name: string): ContainerClient {
  return new ContainerClient(
    `${account.blobEndpoint}/${encodeURIComponent(name)}`,
    new StorageSharedKeyCredential(account.accountName, account.accountKey),
  );
}

/** Creates the container when it does not exist yet. */
export async function ensureContainer(container: ContainerClient, signal?: AbortSignal): Promise<void> {
  await container.createIfNotExists(signal === undefined ? {} : { abortSignal: signal });
}
