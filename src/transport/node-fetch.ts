// The client's transport on Node: a `fetch` for the client's own requests built on node:http/node:https with
// one keep-alive agent per client. Why not the global fetch: on Node 20 its first call costs ~150–200 ms
// (undici compiles its WebAssembly HTTP parser), each call costs several times what node:http does, and it
// cannot be given a CA. The client needs no more than this offers: no redirects, no streaming, JSON bodies of
// a few KiB read whole.
//
// Only the Node entry of the package imports this file (package.json `exports`: `node` vs `browser`), so
// browser bundles never see node:http.
import type { Agent as HttpAgent, IncomingMessage, RequestOptions } from "node:http";
import { BufferedResponse } from "./buffered-response.js";
import { LeanRequest } from "./lean-request.js";
import { WireHeaders } from "./wire-headers.js";
import { AttemptTimeout, type Exchanger, type FetchLike } from "./transport.js";

/** What a Node transport is built from. */
export interface NodeFetchOptions {
  /** PEM certificates trusted in addition to Node's bundled roots, for servers with a private CA. */
  ca?: readonly string[] | undefined;
  /** Most sockets open at once per origin. */
  maxSockets: number;
}

/** A fetch over node:http/https and the means to release its sockets. */
export interface NodeFetch {
  readonly fetch: FetchLike;
  /** The transport's direct way in: one attempt with its own timeout; rejects with AttemptTimeout on timeout. */
  readonly exchange: Exchanger;
  /** The Request class openapi-fetch should build requests for this fetch with. */
  readonly Request: typeof Request;
  /** Closes idle sockets now and busy ones once their answer is in; a later request opens new ones. */
  close(): void;
}

interface Origin {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  /** The Host header, as node:http would write it (no default port, IPv6 in brackets). */
  readonly host: string;
}

const redirects = new Set([301, 302, 303, 307, 308]);

/** The origin part of a normalised absolute URL (`scheme://host[:port]`); a Request's url always has a path. */
function originOf(url: string): string {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  return slash < 0 ? url : url.slice(0, slash);
}

function parseOrigin(origin: string): Origin {
  const url = new URL(origin);
  const secure = url.protocol === "https:";
  if (!secure && url.protocol !== "http:") throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
  // node:http takes IPv6 hosts without their brackets.
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return { secure, hostname, port: url.port ? Number(url.port) : secure ? 443 : 80, host: url.host };
}

/** What one scheme needs from Node: its agent class and its request function. */
interface Scheme {
  readonly Agent: typeof HttpAgent;
  readonly request: typeof import("node:http").request;
  /** Node's bundled roots (https only), to which a client's extra CAs add. */
  readonly roots?: readonly string[];
}

// node:http, node:https and node:tls load on a scheme's first request, not at import: loading them costs about as
// much as importing the rest of the package, and a program may import the client long before it sends anything
// (or never send over one of the two schemes).
let httpScheme: Scheme | undefined;
let httpsScheme: Scheme | undefined;

async function loadScheme(secure: boolean): Promise<Scheme> {
  if (!secure) return (httpScheme ??= await import("node:http"));
  const [https, tls] = await Promise.all([import("node:https"), import("node:tls")]);
  return (httpsScheme ??= { Agent: https.Agent, request: https.request, roots: tls.rootCertificates });
}

/** A cut connection, told apart by the transport's reset detection (it retries those). */
function cutOff(): Error {
  return Object.assign(new Error("socket hang up: the response was cut off"), { code: "ECONNRESET" });
}

/** A fetch for one client: its own keep-alive agents (made on first use), bounded to `maxSockets` per origin. */
export function createNodeFetch(options: NodeFetchOptions): NodeFetch {
  const origins = new Map<string, Origin>();
  let http: HttpAgent | undefined;
  let https: HttpAgent | undefined;

  function agentFor(secure: boolean, scheme: Scheme): HttpAgent {
    if (!secure) return (http ??= new scheme.Agent({ keepAlive: true, maxSockets: options.maxSockets }));
    // Extra CAs add to Node's bundled roots: the same client may talk to a private endpoint and to the public STS.
    const ca = options.ca?.length ? [...(scheme.roots ?? []), ...options.ca] : undefined;
    return (https ??= new scheme.Agent({ keepAlive: true, maxSockets: options.maxSockets, ...(ca ? { ca } : {}) }));
  }

  // One exchange: `signal` (when the caller's can abort) and `timeoutMs` (0: none) end it early; the transport
  // calls this directly, sparing an AbortController, its listeners and node:http's own per attempt.
  async function exchange(input: Request, signal: AbortSignal | undefined, timeoutMs: number): Promise<BufferedResponse> {
    signal?.throwIfAborted();
    const url = input.url;
    const originText = originOf(url);
    let origin = origins.get(originText);
    if (origin === undefined) origins.set(originText, (origin = parseOrigin(originText)));
    const body = LeanRequest.isLean(input) ? LeanRequest.bytesOf(input) : input.body === null ? undefined : new Uint8Array(await input.arrayBuffer());
    // Headers as a flat list: node:http then writes them as they are, skipping the per-header bookkeeping of
    // an object (setHeader, getHeader), but also its Host header, which is added here.
    const headers: string[] = [];
    let hasHost = false;
    input.headers.forEach((value, name) => {
      headers.push(name, value);
      if (name === "host") hasHost = true;
    });
    if (!hasHost) headers.push("host", origin.host);
    const method = input.method;
    // A bodiless POST/PUT/PATCH says `content-length: 0`, as fetch does, rather than an empty chunked body.
    if (body !== undefined) headers.push("content-length", String(body.length));
    else if (method !== "GET" && method !== "HEAD" && method !== "DELETE") headers.push("content-length", "0");
    let scheme = origin.secure ? httpsScheme : httpScheme;
    if (scheme === undefined) {
      scheme = await loadScheme(origin.secure);
      signal?.throwIfAborted();
    }
    const requestOptions: RequestOptions = {
      method,
      hostname: origin.hostname,
      port: origin.port,
      path: url.slice(originText.length),
      headers,
      agent: agentFor(origin.secure, scheme),
    };
    const send = scheme.request;

    return new Promise<BufferedResponse>((resolve, reject) => {
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settle();
        reject(timedOut ? new AttemptTimeout(timeoutMs, error) : signal?.aborted ? signal.reason : error);
      };
      const request = send(requestOptions, (message: IncomingMessage) => {
        const status = message.statusCode ?? 0;
        // The client never follows a redirect (nor does its global-fetch twin, with `redirect: "error"`).
        if (redirects.has(status)) {
          message.resume();
          return fail(new TypeError(`fetch failed: redirect (${status}) refused`));
        }
        const chunks: Buffer[] = [];
        message.on("data", (chunk: Buffer) => chunks.push(chunk));
        message.on("error", fail);
        // 'close' before 'end' means the connection died mid-response: a reset, which the client may retry.
        message.on("close", () => {
          if (!message.complete) fail(cutOff());
        });
        message.on("end", () => {
          if (settled) return;
          settle();
          const empty = status === 204 || status === 205 || status === 304 || method === "HEAD";
          const bytes = empty ? null : (Buffer.concat(chunks) as Uint8Array<ArrayBuffer>);
          resolve(new BufferedResponse(bytes, { status, statusText: message.statusMessage ?? "", headers: new WireHeaders(message.rawHeaders) }));
        });
      });
      const onAbort = () => {
        fail(signal?.reason);
        request.destroy();
      };
      request.on("error", fail);
      if (timeoutMs > 0)
        timer = setTimeout(() => {
          timedOut = true;
          request.destroy();
          fail(cutOff());
        }, timeoutMs);
      signal?.addEventListener("abort", onAbort);
      request.end(body);
    });
  }

  function fetch(input: Request, init?: RequestInit): Promise<Response> {
    return exchange(input, init?.signal ?? input.signal, 0);
  }

  return {
    fetch,
    exchange,
    Request: LeanRequest as unknown as typeof Request,
    close() {
      for (const agent of [http, https]) {
        if (!agent) continue;
        // Busy sockets are destroyed when freed instead of kept; idle ones go now.
        agent.maxFreeSockets = 0;
        for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
      }
      http = undefined;
      https = undefined;
    },
  };
}
