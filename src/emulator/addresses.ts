// Where an emulator can be reached from. Listening on a wildcard (`--host 0.0.0.0` or `::`, as in a container
// or a devcontainer) makes it reachable on every interface, but its URL names loopback; the banner lists the
// other addresses so a client in another container or on another machine knows what to use.
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const urlOf = (address: string, port: number, scheme: string): string => `${scheme}://${address.includes(":") ? `[${address}]` : address}:${port}`;

/**
 * The URLs besides `url` that reach an emulator listening on `host`:`port`: for a wildcard host, one per
 * non-internal address of this machine (IPv4 only for 0.0.0.0; IPv4 and IPv6 for `::`, which is dual-stack);
 * none for a specific host. `scheme` is the emulator's: https when it serves TLS.
 */
export function otherUrls(host: string, port: number, interfaces: Interfaces = networkInterfaces(), scheme: "http" | "https" = "http"): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [];
  const urls: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      if (info.family === "IPv6" && (host === "0.0.0.0" || info.scopeid !== 0)) continue; // link-local needs a zone
      urls.push(urlOf(info.address, port, scheme));
    }
  }
  return [...new Set(urls)];
}
