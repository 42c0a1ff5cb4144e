// Loads @peculiar/x509 on first use only: Node's crypto can make keys but not X.509 certificates, and the library
// (with the Reflect polyfill its dependency injection needs) costs ~200 ms to load, which a plain-http emulator
// must not pay. It signs through WebCrypto, so it is handed Node's own (`crypto.webcrypto`).
import { webcrypto } from "node:crypto";

export type X509 = typeof import("@peculiar/x509");

let loading: Promise<X509> | undefined;

export function loadX509(): Promise<X509> {
  loading ??= (async () => {
    // tsyringe (used by @peculiar/x509) refuses to load without Reflect.getMetadata; the import must come first.
    await import("reflect-metadata");
    const x509 = await import("@peculiar/x509");
    x509.cryptoProvider.set(webcrypto as Crypto);
    return x509;
  })();
  return loading;
}

/** ECDSA P-256 with SHA-256: small, fast to make, and accepted by Node, OpenSSL (Python), .NET and browsers. */
export const SIGNING = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export const subtle = webcrypto.subtle;
