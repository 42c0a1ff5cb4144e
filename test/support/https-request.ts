// One request over node:https (or node:http) with an explicit trust anchor, for tests of the https emulator:
// Node's global fetch takes no `ca`, and NODE_EXTRA_CA_CERTS is read at process start only.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { PeerCertificate, TLSSocket } from "node:tls";

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  readonly body: unknown;
  /** The server's certificate, for https. */
  readonly certificate: PeerCertificate | undefined;
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** PEM the client trusts, instead of Node's bundled roots. */
  readonly ca?: string | undefined;
  /** The name the certificate is checked against (and sent as SNI), when it differs from the URL's host. */
  readonly servername?: string;
}

export function rawRequest(url: string, init: RawRequest = {}): Promise<RawAnswer> {
  const target = new URL(url);
  const body = init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(body.length);
  }
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const tlsOptions =
    target.protocol === "https:"
      ? {
          ...(init.ca === undefined ? {} : { ca: init.ca }),
          ...(init.servername === undefined ? {} : { servername: init.servername }),
          agent: false as const,
        }
      : { agent: false as const };
  return new Promise((resolve, reject) => {
    const req = send(target, { method: init.method ?? "GET", headers, ...tlsOptions }, (res) => {
      const socket = res.socket as TLSSocket;
      const certificate = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : undefined;
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => {
        let parsed: unknown;
        try {
          parsed = text === "" ? undefined : JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed, certificate });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
