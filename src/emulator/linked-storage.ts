// Linked storage: the service reads and writes a storage account without SAS tokens only when the account's
// managed identity was granted access to it ("linked"). Without SAS on a storage account that is not
// linked, Create Conversion answered 403 LinkedStorageAccessFailure with this message.
import { isIP } from "node:net";
import { errorReply, type Reply } from "./reply.js";

/** The message of the service's 403 `LinkedStorageAccessFailure`, word for word. */
export const LINKED_STORAGE_MESSAGE =
  "Storage account not linked or linked with insufficient permissions. Documentation on how to link Remote " +
  "Rendering Accounts to storage can be found here: " +
  "https://docs.microsoft.com/azure/remote-rendering/how-tos/create-an-account#link-storage-accounts.";

/**
 * The storage account of a container URI, lower case: `<name>` of `https://<name>.blob.core.windows.net/<c>`;
 * the first path segment of a path-style URI (`http://127.0.0.1:10000/<name>/<c>`, as Azurite serves), used
 * when the host is an IP address, `localhost` or has no dot. Undefined when there is none.
 */
export function storageAccountOf(containerUri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(containerUri);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const pathStyle = isIP(host) !== 0 || host === "localhost" || !host.includes(".");
  const name = pathStyle ? url.pathname.split("/")[1] : host.slice(0, host.indexOf("."));
  return name ? name.toLowerCase() : undefined;
}

interface Location {
  readonly storageContainerUri: string;
}

/** A 403 when a location without SAS is on a storage account that is not linked, else undefined. */
export function checkLinkedStorage(
  linked: readonly string[],
  locations: readonly { readonly location: Location; readonly sas: string | undefined }[],
): Reply | undefined {
  for (const { location, sas } of locations) {
    if (sas !== undefined && sas !== "") continue;
    const account = storageAccountOf(location.storageContainerUri);
    if (account === undefined || !linked.includes(account)) {
      return errorReply(403, "LinkedStorageAccessFailure", LINKED_STORAGE_MESSAGE);
    }
  }
  return undefined;
}
