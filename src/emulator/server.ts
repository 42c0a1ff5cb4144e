// The HTTP side: one node:http server, one request pipeline. Order per request: route → injected fault →
// auth → path/query validation → body (415/413/400) → throttle → handler → journal fsync → response.
// Handlers are synchronous, so concurrent requests change state one at a time (one create wins); only reads of
// conversions that wait for real storage work answer later.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ErrorObject } from "ajv";
import type { AccountRegistry } from "./accounts.js";
import { authorize } from "./auth.js";
import { checkBodyHeaders, readJsonBody } from "./body.js";
import { createConversion, getConversion, listConversions } from "./conversions.js";
import type { FaultInjector, Throttle } from "./faults.js";
import type { Journal } from "./journal.js";
import type { OperationEnv, OperationHandler } from "./operation.js";
import { errorReply, replies, type Reply } from "./reply.js";
import { logWhenDone } from "./request-log.js";
import { matchRoute, type ArrOperationId, type Route } from "./routes.js";
import { createSession, getSession, listSessions, stopSession, updateSession } from "./sessions.js";
import { checkCredential, issueToken, type EntraPolicy } from "./sts.js";
import type { TokenService } from "./tokens.js";
import { badRequest, operationValidators, type OperationValidators } from "./validators.js";

const handlers: Record<ArrOperationId, OperationHandler> = {
  createSession,
  getSession,
  updateSession,
  stopSession,
  listSessions,
  createConversion,
  getConversion,
  listConversions,
};

export interface ServerParts {
  readonly env: OperationEnv;
  readonly tokens: TokenService;
  readonly accounts: AccountRegistry;
  readonly journal: Journal | undefined;
  readonly faults: FaultInjector;
  readonly throttle: Throttle | undefined;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Log every request, one line each (`verbose`). */
  readonly logRequests?: boolean | undefined;
  /** Whether the STS exchanges tokens that are not account keys (Microsoft Entra tokens). */
  readonly entra?: EntraPolicy | undefined;
}

type Outcome = Reply | undefined | Promise<Reply | undefined>;

const EMPTY_QUERY = new URLSearchParams();

// Random bytes for correlation vectors, drawn 256 answers at a time: one randomBytes call per answer cost ~7 % of
// the emulator's CPU under load (a call into OpenSSL each time).
const CV_BYTES = 16;
const CV_POOL = CV_BYTES * 256;
let cvPool = Buffer.alloc(0);
let cvOffset = 0;

/** A correlation vector in the service's form: fresh per answer, 22 base64 characters then `.0`. */
function correlationVector(): string {
  if (cvOffset + CV_BYTES > cvPool.length) {
    cvPool = randomBytes(CV_POOL);
    cvOffset = 0;
  }
  const cv = cvPool.toString("base64", cvOffset, cvOffset + CV_BYTES).slice(0, 22);
  cvOffset += CV_BYTES;
  return `${cv}.0`;
}

/** What the ARR service listed in `api-supported-versions` (the token service sent no such header). */
export const API_SUPPORTED_VERSIONS = "2021-01-01-preview, 2021-01-01, 2021-08-01-preview";

/** `/Accounts/<id>/token` in any case: an answer of the token service, which sent no api-supported-versions. */
function isTokenPath(url: string): boolean {
  const q = url.indexOf("?");
  const parts = (q < 0 ? url : url.slice(0, q)).split("/");
  return parts.length === 4 && parts[3] === "token" && parts[1]?.toLowerCase() === "accounts";
}

// Host headers that can be put in an @nextLink as they are: a name or IPv4 address, or a bracketed IPv6 one, and a port.
const HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The origin a request came to, from its Host header; the emulator's own URL when there is no usable one. */
function originOf(req: IncomingMessage, own: string): string {
  const host = req.headers.host;
  if (host === undefined || !HOST.test(host)) return own;
  return `${own.slice(0, own.indexOf("//"))}//${host}`;
}

/** Why each refused response was refused, for the request log. */
const refusals = new WeakMap<ServerResponse, string>();

function send(res: ServerResponse, reply: Reply, cv: string): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.reason !== undefined) refusals.set(res, reply.reason);
  const headers: Record<string, string | number> = { "MS-CV": cv };
  if (!isTokenPath(res.req.url ?? "/")) headers["api-supported-versions"] = API_SUPPORTED_VERSIONS;
  headers["X-Content-Type-Options"] = "nosniff";
  if (reply.headers !== undefined) Object.assign(headers, reply.headers);
  if (reply.body !== undefined) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    headers["Content-Length"] = Buffer.byteLength(reply.body);
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** A whole HTTP/1.1 response as text, for sockets the server gave up on (broken HTTP, CONNECT). */
function rawResponse(status: number, reason: string, reply: Reply, cv: string): string {
  const body = reply.body ?? "";
  return (
    `HTTP/1.1 ${status} ${reason}\r\nMS-CV: ${cv}\r\napi-supported-versions: ${API_SUPPORTED_VERSIONS}\r\n` +
    `X-Content-Type-Options: nosniff\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

function queryObject(query: URLSearchParams, names: readonly string[]): Record<string, string> {
  const object: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null) object[name] = value;
  }
  return object;
}

// Update Session answers range errors of the lease with 422 (after the 404 check), not 400.
function bodyErrors(operationId: string, errors: readonly ErrorObject[]): readonly ErrorObject[] {
  if (operationId !== "updateSession") return errors;
  return errors.filter(
    (e) => !(e.instancePath === "/maxLeaseTimeMinutes" && (e.keyword === "minimum" || e.keyword === "maximum")),
  );
}

export function createEmulatorServer(parts: ServerParts): Server {
  const { env, tokens, accounts, journal, faults, throttle, now, log, logRequests } = parts;
  const validators = operationValidators();
  const nextCv = correlationVector;

  const run = (
    req: IncomingMessage,
    route: Route,
    accountId: string,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): Reply | Promise<Reply> => {
    const operationId = route.operationId as ArrOperationId;
    if (throttle !== undefined && route.idParameter !== undefined) {
      const wait = throttle.check(`${route.idParameter}\n${accountId}\n${params[route.idParameter] ?? ""}`);
      if (wait !== undefined) return replies.throttled(wait);
    }
    const origin = originOf(req, env.baseUrl());
    const reply = handlers[operationId]({ accountId, params, query, body, now: now(), origin }, env);
    if (route.method !== "GET" && !(reply instanceof Promise)) {
      // Ids are validated (letters, digits, - and _), so they are safe to log; nothing else is.
      log(`${operationId} ${accountId}/${params[route.idParameter ?? ""] ?? ""} → ${reply.status}`);
    }
    return reply;
  };

  const withBody = async (
    req: IncomingMessage,
    route: Route,
    v: OperationValidators,
    accountId: string,
    params: Record<string, string>,
    query: URLSearchParams,
  ): Promise<Reply | undefined> => {
    const result = await readJsonBody(req);
    if ("aborted" in result) return undefined;
    if ("reply" in result) return result.reply;
    if (v.body !== undefined && !v.body(result.value)) {
      const errors = bodyErrors(route.operationId, v.body.errors ?? []);
      if (errors.length > 0) return badRequest(errors);
    }
    return run(req, route, accountId, params, query, result.value);
  };

  const token = (req: IncomingMessage, params: Record<string, string>, v: OperationValidators, query: URLSearchParams): Reply => {
    const accountId = checkCredential(req.headers.authorization, params["accountId"] ?? "", accounts, parts.entra);
    if (typeof accountId !== "string") return accountId;
    if (!v.query(queryObject(query, v.queryNames))) {
      const reply = badRequest(v.query.errors ?? []);
      return { ...reply, headers: { "WWW-Authenticate": 'Bearer realm="mixed-reality-sts"' } };
    }
    return issueToken(accountId, tokens);
  };

  const answer = (req: IncomingMessage): Outcome => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const match = matchRoute(req.method ?? "", q < 0 ? url : url.slice(0, q));
    if (match.kind !== "found") {
      // Auth first even here, so an unauthenticated caller learns nothing about the API's shape.
      const accountId = authorize(req.headers.authorization, undefined, tokens, accounts);
      if (typeof accountId !== "string") return accountId;
      return match.kind === "none" ? replies.routeNotFound() : replies.methodNotAllowed(match.allow);
    }
    const { route, params } = match;
    // Decided before anything else, so a failed request changed nothing.
    const fault = faults.decide();
    if (fault !== undefined) {
      log(`${route.operationId} → ${fault} (injected fault)`);
      return fault === 500 ? replies.internalError() : replies.unavailable();
    }
    const v = validators.get(route.operationId);
    if (v === undefined) return replies.routeNotFound();
    const query = q < 0 ? EMPTY_QUERY : new URLSearchParams(url.slice(q + 1));
    if (route.operationId === "getToken") return token(req, params, v, query);
    const accountId = authorize(req.headers.authorization, params["account_id"], tokens, accounts);
    if (typeof accountId !== "string") return accountId;
    if (!v.path(params)) return badRequest(v.path.errors ?? []);
    if (!v.query(queryObject(query, v.queryNames))) return badRequest(v.query.errors ?? []);
    if (route.requestBody === null) return run(req, route, accountId, params, query, undefined);
    return checkBodyHeaders(req) ?? withBody(req, route, v, accountId, params, query);
  };

  const failed = (res: ServerResponse, cv: string, error: unknown): void => {
    log(`internal error: ${error instanceof Error ? error.message : "unknown"}`);
    send(res, replies.internalError(), cv);
  };

  // Nothing is answered before the journal holds what the answer reflects (a no-op in memory).
  const finish = (res: ServerResponse, reply: Reply | undefined, cv: string): void => {
    if (reply === undefined) return;
    if (journal === undefined || !journal.pending) return send(res, reply, cv);
    journal.flush().then(
      () => send(res, reply, cv),
      (error: unknown) => failed(res, cv, error),
    );
  };

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const cv = nextCv();
    if (logRequests) logWhenDone(req, res, cv, () => refusals.get(res), log);
    let outcome: Outcome;
    try {
      outcome = answer(req);
    } catch (error) {
      return failed(res, cv, error);
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (reply) => finish(res, reply, cv),
        (error: unknown) => failed(res, cv, error),
      );
    } else {
      finish(res, outcome, cv);
    }
  });

  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // Broken HTTP gets a 400 with an error_response instead of a dropped connection.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const reply = errorReply(400, "BadRequest", "The request is not valid HTTP.");
    socket.end(rawResponse(400, "Bad Request", reply, nextCv()));
  });
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) => {
    send(res, errorReply(417, "ExpectationFailed", "Only the expectation 100-continue is supported."), nextCv());
  });
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    const reply = errorReply(405, "MethodNotAllowed", "CONNECT is not supported.");
    socket.on("error", () => socket.destroy());
    socket.end(rawResponse(405, "Method Not Allowed", reply, nextCv()));
  });
  return server;
}
