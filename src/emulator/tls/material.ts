// Where the emulator's certificate comes from. Given one (--cert/--key): used as is. Else the development CA and
// a server certificate it signed, kept in <dataDir>/tls/ so that a CA trusted once stays trusted across restarts;
// without a data dir, both are new at each start and only the CA's certificate is written (to a temporary folder
// removed at close) so that clients can be pointed at it.
import { createSecureContext } from "node:tls";
import { link, mkdir, mkdtemp, open, readFile, rm, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { caIsValid, createCa, issueServerCertificate, serverCertificateFits, type PemPair } from "./certificates.js";
import type { CertificateNames } from "./names.js";

export interface TlsMaterial {
  /** What the server presents. */
  readonly server: PemPair;
  /** The development CA's certificate (PEM), or undefined when the certificate is the caller's own. */
  readonly caPem: string | undefined;
  /** Where that PEM is on disk (for NODE_EXTRA_CA_CERTS and friends). */
  readonly caFile: string | undefined;
  /** Removes what only this run needed (the temporary CA file). */
  dispose(): Promise<void>;
}

export const TLS_FOLDER = "tls";
const FILES = { caCert: "ca.pem", caKey: "ca-key.pem", cert: "server.pem", key: "server-key.pem" } as const;

const isMissing = (error: unknown): boolean => (error as { code?: unknown }).code === "ENOENT";

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Writes `text` to `path` durably and only if no file is there (a hard link never replaces), so two processes
 * starting on one folder cannot each keep a CA of their own. False when the file was already there.
 */
async function createOnce(path: string, text: string, mode: number): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temporary, "w", mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `path` (the server certificate when it no longer fits) durably. */
async function replace(path: string, text: string, mode: number): Promise<void> {
  await rm(path, { force: true });
  await createOnce(path, text, mode);
}

/** The CA of `dir`, made when absent or about to expire. The key file is readable by its owner only. */
export async function loadOrCreateCa(dir: string, nowMs: number): Promise<PemPair> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const caKeyPath = join(dir, FILES.caKey);
  const caCertPath = join(dir, FILES.caCert);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [key, cert] = [await readIfThere(caKeyPath), await readIfThere(caCertPath)];
    if (key !== undefined && cert !== undefined && (await caIsValid({ cert, key }, nowMs))) return { cert, key };
    if (key !== undefined || cert !== undefined) {
      // Half a CA (a crash between the two files) or an expired one: start again.
      await rm(caCertPath, { force: true });
      await rm(caKeyPath, { force: true });
    }
    const ca = await createCa(nowMs);
    // The key goes first: a certificate on disk always has its key beside it.
    if ((await createOnce(caKeyPath, ca.key, 0o600)) && (await createOnce(caCertPath, ca.cert, 0o644))) return ca;
    // Another process made one meanwhile: use that one.
  }
  throw new Error(`could not create the development CA in ${dir}`);
}

/** The development CA and server certificate kept in `<dataDir>/tls`, each made or renewed only when needed. */
async function persistent(dataDir: string, names: CertificateNames, nowMs: number): Promise<TlsMaterial> {
  const dir = join(dataDir, TLS_FOLDER);
  const ca = await loadOrCreateCa(dir, nowMs);
  const certPath = join(dir, FILES.cert);
  const keyPath = join(dir, FILES.key);
  const [cert, key] = [await readIfThere(certPath), await readIfThere(keyPath)];
  let server: PemPair | undefined = cert !== undefined && key !== undefined ? { cert, key } : undefined;
  if (server === undefined || !keyMatches(server) || !(await serverCertificateFits(server, ca, names, nowMs))) {
    server = await issueServerCertificate(ca, names, nowMs);
    await replace(keyPath, server.key, 0o600);
    await replace(certPath, server.cert, 0o644);
  }
  return { server, caPem: ca.cert, caFile: join(dir, FILES.caCert), dispose: async () => undefined };
}

/** A CA and server certificate for this run only; the CA's certificate goes to a temporary folder. */
async function ephemeral(names: CertificateNames, nowMs: number): Promise<TlsMaterial> {
  const ca = await createCa(nowMs);
  const server = await issueServerCertificate(ca, names, nowMs);
  const dir = await mkdtemp(join(tmpdir(), "arr-emulator-tls-"));
  const caFile = join(dir, FILES.caCert);
  await createOnce(caFile, ca.cert, 0o644);
  return { server, caPem: ca.cert, caFile, dispose: () => rm(dir, { recursive: true, force: true }) };
}

function keyMatches(pair: PemPair): boolean {
  try {
    createSecureContext(pair);
    return true;
  } catch {
    return false;
  }
}

/** The material for a run: the caller's certificate, else the development CA's (kept in the data dir if any). */
export async function tlsMaterial(options: {
  readonly own: PemPair | undefined;
  readonly dataDir: string | undefined;
  readonly names: CertificateNames;
  readonly nowMs: number;
}): Promise<TlsMaterial> {
  if (options.own !== undefined) {
    try {
      createSecureContext(options.own);
    } catch (error) {
      throw new RangeError(`https.key does not match https.cert (or either is not valid PEM): ${(error as Error).message}`);
    }
    return { server: options.own, caPem: undefined, caFile: undefined, dispose: async () => undefined };
  }
  return options.dataDir === undefined
    ? ephemeral(options.names, options.nowMs)
    : persistent(options.dataDir, options.names, options.nowMs);
}
