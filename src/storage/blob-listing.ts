// Name, size and Content-MD5 of every blob under a prefix, from the List Blobs XML read directly: the SDK's
// generic XML deserialisation costs several milliseconds per blob, which made "nothing changed" uploads slow.
// Signed with a short container SAS (list only) when the client holds the account key; any surprise falls back
// to the SDK's own listing.
import { ContainerClient, ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from "@azure/storage-blob";

export interface ListedBlob {
  readonly md5: string | undefined;
  readonly size: number | undefined;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
const unescape = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] ?? e);
const TAGS = new Map(["Name", "Content-Length", "Content-MD5", "NextMarker"].map((name) => [name, new RegExp(`<${name}>([^<]*)</${name}>`)]));
const tag = (xml: string, name: "Name" | "Content-Length" | "Content-MD5" | "NextMarker"): string | undefined => TAGS.get(name)?.exec(xml)?.[1];

async function viaSdk(container: ContainerClient, prefix: string, signal: AbortSignal | undefined): Promise<Map<string, ListedBlob>> {
  const blobs = new Map<string, ListedBlob>();
  for await (const blob of container.listBlobsFlat({ prefix, ...(signal === undefined ? {} : { abortSignal: signal }) })) {
    const md5 = blob.properties.contentMD5;
    blobs.set(blob.name, { md5: md5 === undefined ? undefined : Buffer.from(md5).toString("base64"), size: blob.properties.contentLength });
  }
  return blobs;
}

function listUrl(container: ContainerClient): string | undefined {
  const url = new URL(container.url);
  if (container.credential instanceof StorageSharedKeyCredential) {
    const sas = generateBlobSASQueryParameters(
      { containerName: container.containerName, permissions: ContainerSASPermissions.parse("l"), expiresOn: new Date(Date.now() + 3_600_000) },
      container.credential,
    );
    return `${url.origin}${url.pathname}?${sas.toString()}`;
  }
  return url.searchParams.has("sig") ? container.url : undefined;
}

export async function listBlobs(container: ContainerClient, prefix: string, signal?: AbortSignal): Promise<Map<string, ListedBlob>> {
  const base = listUrl(container);
  if (base === undefined) return viaSdk(container, prefix, signal);
  const blobs = new Map<string, ListedBlob>();
  let marker = "";
  do {
    const response = await fetch(
      `${base}&restype=container&comp=list&prefix=${encodeURIComponent(prefix)}${marker === "" ? "" : `&marker=${encodeURIComponent(marker)}`}`,
      signal === undefined ? {} : { signal },
    );
    const xml = await response.text();
    if (!response.ok) return viaSdk(container, prefix, signal);
    for (const [, blob = ""] of xml.matchAll(/<Blob>([\s\S]*?)<\/Blob>/g)) {
      const name = tag(blob, "Name");
      if (name === undefined) continue;
      const size = tag(blob, "Content-Length");
      const md5 = tag(blob, "Content-MD5");
      blobs.set(unescape(name), { md5: md5 === undefined || md5 === "" ? undefined : md5, size: size === undefined ? undefined : Number(size) });
    }
    marker = unescape(tag(xml, "NextMarker") ?? "");
  } while (marker !== "");
  return blobs;
}
