// HTTPS for the emulator: the certificate (the caller's, or one signed by the development CA), the TLS listener
// in front of the emulator's plain HTTP server, and what the banner says about trusting it. Nothing else in the
// emulator knows whether it is behind TLS.
import type { Server as HttpServer } from "node:http";
import { join } from "node:path";
import { loadOrCreateCa, tlsMaterial, TLS_FOLDER } from "./material.js";
import { certificateNames, serviceNames } from "./names.js";
import { plainListener, tlsListener, type Listener } from "./listener.js";

export { formatTlsBanner } from "./banner.js";
export type { Listener } from "./listener.js";

/** What a client needs to trust an https emulator. */
export interface EmulatorTls {
  /** The development CA's certificate (PEM) — what a client trusts (`ca`); undefined with a certificate of yours. */
  readonly ca: string | undefined;
  /** The file holding it: `<dataDir>/tls/ca.pem`, or a temporary file removed at close without a data dir. */
  readonly caFile: string | undefined;
  /** Whether the CA is kept in a data dir (and so survives restarts). */
  readonly persistent: boolean;
  /** The certificate's names: DNS names and IP addresses. */
  readonly names: readonly string[];
  /** The hosts official SDKs build for the emulated regions (`sts.<region>…`, `remoterendering.<region>…`). */
  readonly serviceHosts: readonly string[];
}

export interface TlsFront {
  /** The listener in front of one region's HTTP server (TLS or plain); `url` is that region's own URL. */
  listenerFor(http: HttpServer, url: () => string): Listener;
  readonly tls: EmulatorTls | undefined;
  /** Removes what only this run needed. */
  dispose(): Promise<void>;
}

/**
 * What serves `https` (undefined: plain http), with the certificate made, loaded or renewed as needed — once for
 * every region, so one CA and one certificate (naming every region's service hosts) cover them all.
 */
export async function createFront(options: {
  readonly https: { readonly own: { readonly cert: string; readonly key: string } | undefined } | undefined;
  readonly dataDir: string | undefined;
  readonly host: string;
  readonly regions: readonly string[];
  readonly log: (line: string) => void;
}): Promise<TlsFront> {
  if (options.https === undefined) return { listenerFor: (http) => plainListener(http), tls: undefined, dispose: async () => undefined };
  const names = certificateNames(options.host, options.regions);
  // Certificates are checked by clients against real time, not against the emulator's (possibly manual) clock.
  const material = await tlsMaterial({ own: options.https.own, dataDir: options.dataDir, names, nowMs: Date.now() });
  return {
    listenerFor: (http, url) => tlsListener(http, material.server, { url, log: options.log }),
    tls: {
      ca: material.caPem,
      caFile: material.caFile,
      persistent: options.https.own === undefined && options.dataDir !== undefined,
      names: [...names.dns, ...names.ips],
      serviceHosts: serviceNames(options.regions),
    },
    dispose: () => material.dispose(),
  };
}

/**
 * The development CA kept in `dataDir` (made if there is none yet), as PEM: what `arr emulator --print-ca`
 * prints. It reads no journal and takes no lock, so it works beside a running emulator.
 */
export async function developmentCa(dataDir: string): Promise<string> {
  return (await loadOrCreateCa(join(dataDir, TLS_FOLDER), Date.now())).cert;
}
