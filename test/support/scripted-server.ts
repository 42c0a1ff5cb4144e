// A scripted HTTP server on 127.0.0.1 for client tests and benchmarks: each route answers from a queue of
// scripted responses (or a standing answer), and every request it receives is recorded. It plays the
// service's recorded behaviour as the test scripts it; it is not the emulator.
//
//   const server = await startScriptedServer();
//   server.enqueue("GET", "/accounts/a/sessions/s", { status: 429, headers: { "retry-after": 7 } }, { body: session });
//   ... server.requests ...
//   await server.close();
//
// Fixed mode answers every request with one pre-serialised response and records nothing, for benchmarks:
//   const server = await startScriptedServer({ fixed: { body: sampleSession } });
// Run directly (`node --import tsx test/support/scripted-server.ts [port]`) it serves sampleSession in fixed
// mode and prints `Scripted server listening on http://127.0.0.1:<port>`.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";

/** One scripted answer. */
export interface ScriptedResponse {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers; `content-type: application/json` is added for object bodies. */
  headers?: Record<string, string | number>;
  /** A JSON value (serialised), a string or a Buffer sent as is; none for an empty body. */
  body?: unknown;
  /** Instead of a normal answer: `reset` destroys the socket, `hang` never answers, `cut-body` sends headers and half the body then destroys the socket. */
  fault?: "reset" | "hang" | "cut-body";
  /** Real delay before answering, in ms (avoid in client tests: they use a fake clock). */
  delayMs?: number;
}

/** A scripted answer, or a function computing one from the request. */
export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>);

/** A request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** The path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names are lower case. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON. */
  json<T = unknown>(): T;
}

/** A running scripted server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order (empty in fixed mode unless `record: true`). */
  readonly requests: RecordedRequest[];
  /** Requests that no script answered (they got a 501 `NotScripted`). */
  readonly unmatched: RecordedRequest[];
  /** Queues answers for a route; each request to it takes the next one. `method` may be `*`. */
  enqueue(method: string, path: string | RegExp, ...responses: Responder[]): ScriptedServer;
  /** A standing answer for a route, used once its queue is empty. */
  always(method: string, path: string | RegExp, response: Responder): ScriptedServer;
  /** The recorded requests to a route. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  /** Forgets scripts and recorded requests. */
  reset(): void;
  /** Stops the server, cutting open connections. */
  close(): Promise<void>;
}

/** Options of startScriptedServer. */
export interface ScriptedServerOptions {
  /** Answer every request with this response (fast path for benchmarks). */
  fixed?: ScriptedResponse;
  /** Record requests (default: true, false in fixed mode). */
  record?: boolean;
  /** Port (default 0: any free port). */
  port?: number;
}

interface Route {
  method: string;
  path: string | RegExp;
  queue: Responder[];
  standing: Responder | undefined;
}

function matches(route: { method: string; path: string | RegExp }, method: string, path: string): boolean {
  return (route.method === "*" || route.method === method) && (typeof route.path === "string" ? route.path === path : route.path.test(path));
}

function encode(response: ScriptedResponse): { status: number; headers: Record<string, string | number>; payload: Buffer | undefined } {
  const headers: Record<string, string | number> = { ...response.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(response.body)) payload = response.body;
  else if (typeof response.body === "string") payload = Buffer.from(response.body);
  else if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  headers["content-length"] = payload?.length ?? 0;
  return { status: response.status ?? 200, headers, payload };
}

function record(req: IncomingMessage, body: string): RecordedRequest {
  const url = req.url ?? "/";
  const parsed = new URL(url, "http://127.0.0.1");
  return {
    method: req.method ?? "GET",
    url,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: req.headers,
    body,
    json: <T,>() => JSON.parse(body) as T,
  };
}

function send(res: ServerResponse, socket: Socket, response: ScriptedResponse): void {
  if (response.fault === "reset") {
    socket.destroy();
    return;
  }
  if (response.fault === "hang") return;
  const { status, headers, payload } = encode(response);
  if (response.fault === "cut-body") {
    res.writeHead(status, headers);
    res.write(payload?.subarray(0, Math.floor(payload.length / 2)) ?? Buffer.alloc(0));
    setImmediate(() => socket.destroy());
    return;
  }
  res.writeHead(status, headers);
  res.end(payload);
}

/** Starts a scripted server on 127.0.0.1. */
export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];
  const unmatched: RecordedRequest[] = [];
  const recording = options.record ?? options.fixed === undefined;
  const sockets = new Set<Socket>();
  const fixed = options.fixed && encode(options.fixed);

  const server = createServer((req, res) => {
    if (fixed && !recording) {
      // Benchmark path: no body buffering beyond draining, no allocation per request but the answer.
      req.resume();
      req.on("end", () => {
        res.writeHead(fixed.status, fixed.headers);
        res.end(fixed.payload);
      });
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = record(req, Buffer.concat(chunks).toString("utf8"));
      requests.push(recorded);
      if (fixed) return send(res, req.socket, options.fixed ?? {});
      const route = routes.find((r) => matches(r, recorded.method, recorded.path) && (r.queue.length > 0 || r.standing));
      const responder = route ? (route.queue.shift() ?? route.standing) : undefined;
      if (!responder) {
        unmatched.push(recorded);
        return send(res, req.socket, { status: 501, body: { error: { code: "NotScripted", message: `${recorded.method} ${recorded.path} is not scripted` } } });
      }
      void Promise.resolve(typeof responder === "function" ? responder(recorded) : responder).then((response) => {
        if (response.delayMs) setTimeout(() => send(res, req.socket, response), response.delayMs);
        else send(res, req.socket, response);
      });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const scripted: ScriptedServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    unmatched,
    enqueue(method, path, ...responses) {
      const existing = routes.find((r) => r.method === method && String(r.path) === String(path));
      if (existing) existing.queue.push(...responses);
      else routes.push({ method, path, queue: [...responses], standing: undefined });
      return scripted;
    },
    always(method, path, response) {
      const existing = routes.find((r) => r.method === method && String(r.path) === String(path));
      if (existing) existing.standing = response;
      else routes.push({ method, path, queue: [], standing: response });
      return scripted;
    },
    requestsTo(method, path) {
      return requests.filter((r) => matches({ method, path }, r.method, r.path));
    },
    reset() {
      routes.length = 0;
      requests.length = 0;
      unmatched.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return scripted;
}

/** A Ready session as the service recorded it, for fixed-session mode. */
export const sampleSession = {
  id: "contoso-session-c2b8ac1d-9494-4852-a59c-8c28813adc28",
  creationTime: "2020-11-11T11:11:11.111Z",
  arrInspectorPort: 50052,
  handshakePort: 50051,
  elapsedTimeMinutes: 10,
  hostname: "d4cefb7b-10b9-4631-934d-67445ffa9126.remoterenderingvm.westus2.mixedreality.azure.com",
  maxLeaseTimeMinutes: 72,
  size: "Standard",
  status: "Ready",
  error: null,
  teraflops: 10.6,
} as const;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startScriptedServer({ port: Number(process.argv[2] ?? 0), fixed: { body: sampleSession, headers: { "ms-cv": "Bn2MZwrqxE26LkaXCbwxvQ.0" } } });
  console.log(`Scripted server listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
