// The development CA and the server certificates it signs, as PEM text. The CA can sign certificates only (path
// length 0); the server certificate is for TLS servers only and names each of its hosts explicitly.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { CertificateNames } from "./names.js";
import { loadX509, SIGNING, subtle } from "./x509.js";

export interface PemPair {
  /** The certificate, PEM. */
  readonly cert: string;
  /** Its private key, PKCS #8 PEM. */
  readonly key: string;
}

const DAY_MS = 86_400_000;

/** PEM as files usually hold it, ending with a newline (so that files can be concatenated into a bundle). */
const line = (pem: string): string => (pem.endsWith("\n") ? pem : `${pem}\n`);
/** A development CA lives long: trusting it again is a chore. */
const CA_DAYS = 3650;
/** 397 days, the most that browsers and Apple's clients accept for a server certificate. */
const SERVER_DAYS = 397;
/** A server certificate closer than this to its end is issued anew at start. */
export const RENEW_BEFORE_MS = 30 * DAY_MS;
// Clocks of clients may be a little behind the emulator's machine.
const SKEW_MS = 3_600_000;

/** A positive serial number of 128 random bits, as RFC 5280 recommends. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

async function keyPair(): Promise<CryptoKeyPair> {
  return subtle.generateKey(SIGNING, true, ["sign", "verify"]);
}

async function pemKey(key: CryptoKey): Promise<string> {
  const { PemConverter } = await loadX509();
  return line(PemConverter.encode(await subtle.exportKey("pkcs8", key), "PRIVATE KEY"));
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const { PemConverter } = await loadX509();
  const der = PemConverter.decode(pem)[0];
  if (der === undefined) throw new Error("the key file holds no PEM block");
  return subtle.importKey("pkcs8", der, SIGNING, false, ["sign"]);
}

/** A new development CA. Its name carries the machine and a random tag, so trust stores tell one from another. */
export async function createCa(nowMs: number): Promise<PemPair> {
  const x509 = await loadX509();
  const keys = await keyPair();
  const tag = randomBytes(4).toString("hex");
  const safeHost = hostname().replace(/[^A-Za-z0-9.-]/g, "-").slice(0, 40);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=Remote Rendering Emulator Development CA ${safeHost} ${tag}, O=remote-rendering-client (development only)`,
    notBefore: new Date(nowMs - SKEW_MS),
    notAfter: new Date(nowMs + CA_DAYS * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: line(cert.toString("pem")), key: await pemKey(keys.privateKey) };
}

/** A server certificate for `names`, signed by `ca`. */
export async function issueServerCertificate(ca: PemPair, names: CertificateNames, nowMs: number): Promise<PemPair> {
  const x509 = await loadX509();
  const caCert = new x509.X509Certificate(ca.cert);
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: "CN=localhost, O=Remote Rendering Emulator",
    issuer: caCert.subject,
    notBefore: new Date(nowMs - SKEW_MS),
    notAfter: new Date(Math.min(nowMs + SERVER_DAYS * DAY_MS, caCert.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.key),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: "dns" as const, value })),
        ...names.ips.map((value) => ({ type: "ip" as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: line(cert.toString("pem")), key: await pemKey(keys.privateKey) };
}

/** True when `server` was signed by `ca`, names at least `names` and stays valid beyond the renewal margin. */
export async function serverCertificateFits(server: PemPair, ca: PemPair, names: CertificateNames, nowMs: number): Promise<boolean> {
  const x509 = await loadX509();
  const cert = new x509.X509Certificate(server.cert);
  const caCert = new x509.X509Certificate(ca.cert);
  if (cert.notAfter.getTime() - nowMs < RENEW_BEFORE_MS || cert.notBefore.getTime() > nowMs) return false;
  if (!(await cert.verify({ publicKey: caCert.publicKey, signatureOnly: true }))) return false;
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  if (san === null) return false;
  const have = new Set(san.names.items.map((n) => `${n.type}:${n.type === "ip" ? canonicalIp(n.value) : n.value.toLowerCase()}`));
  return [...names.dns.map((d) => `dns:${d}`), ...names.ips.map((ip) => `ip:${canonicalIp(ip)}`)].every((n) => have.has(n));
}

/** The CA's certificate is valid now (a CA past its end is replaced, and must then be trusted again). */
export async function caIsValid(ca: PemPair, nowMs: number): Promise<boolean> {
  const x509 = await loadX509();
  const cert = new x509.X509Certificate(ca.cert);
  return cert.notAfter.getTime() - nowMs > RENEW_BEFORE_MS;
}

/** One spelling per IP address (IPv6 has many), for comparing a certificate's entries with the wanted ones. */
function canonicalIp(ip: string): string {
  if (!ip.includes(":")) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname;
  } catch {
    return ip.toLowerCase();
  }
}
