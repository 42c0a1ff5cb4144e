// The names the server certificate is issued for. Listed one by one: a wildcard such as `*.localhost` does not
// verify for these names, and IP addresses must be IP entries. The region names are those the official SDKs
// build (`https://sts.<accountDomain>`, `https://remoterendering.<region>.mixedreality.azure.com`), so an
// unchanged client reaches the emulator with one /etc/hosts line and the CA trusted.
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";

export interface CertificateNames {
  readonly dns: readonly string[];
  readonly ips: readonly string[];
}

const WILDCARDS = new Set(["0.0.0.0", "::", ""]);

/** `sts.<region>…` and `remoterendering.<region>…` for each emulated region. */
export function serviceNames(regions: readonly string[]): string[] {
  return regions.flatMap((region) => [`sts.${region}.mixedreality.azure.com`, `remoterendering.${region}.mixedreality.azure.com`]);
}

/** The addresses a wildcard host is reachable on (the ones a banner would list). */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((entry) => !entry.address.startsWith("fe80:")) // link-local needs a zone id; no client names it
    .map((entry) => entry.address);
}

export function certificateNames(host: string, regions: readonly string[]): CertificateNames {
  const dns = new Set<string>(["localhost"]);
  const ips = new Set<string>(["127.0.0.1", "::1"]);
  const hosts = WILDCARDS.has(host) ? interfaceAddresses() : [host];
  for (const name of hosts) {
    const bare = name.replace(/^\[|\]$/g, "");
    if (isIP(bare) !== 0) ips.add(bare);
    else dns.add(bare.toLowerCase());
  }
  for (const name of serviceNames(regions)) dns.add(name);
  return { dns: [...dns], ips: [...ips] };
}
