// A fetch for tests that trusts one CA (the https emulator's), over a keep-alive node:https agent. Node's global
// fetch takes no CA, and NODE_EXTRA_CA_CERTS is read at process start only. http:// URLs go through node:http.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface CaFetch {
  fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  /** Ends the agents' sockets. */
  close(): void;
}

export function caFetch(ca: string | undefined): CaFetch {
  const https = new HttpsAgent({ keepAlive: true, ...(ca === undefined ? {} : { ca }) });
  const http = new HttpAgent({ keepAlive: true });
  return {
    fetch(url, init = {}) {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      const body = init.body === undefined ? undefined : Buffer.from(init.body);
      const headers = { ...init.headers, ...(body === undefined ? {} : { "content-length": String(body.length) }) };
      return new Promise<Response>((resolve, reject) => {
        const send = secure ? httpsRequest : httpRequest;
        const request = send(target, { method: init.method ?? "GET", headers, agent: secure ? https : http }, (message) => {
          const chunks: Buffer[] = [];
          message.on("data", (chunk: Buffer) => chunks.push(chunk));
          message.on("error", reject);
          message.on("end", () => {
            const status = message.statusCode ?? 0;
            const responseHeaders = new Headers();
            for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) responseHeaders.append(message.rawHeaders[i] ?? "", message.rawHeaders[i + 1] ?? "");
            resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
          message.on("close", () => {
            if (!message.complete) reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
          });
        });
        request.on("error", reject);
        request.end(body);
      });
    },
    close() {
      https.destroy();
      http.destroy();
    },
  };
}
