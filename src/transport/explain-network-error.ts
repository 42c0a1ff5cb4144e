// Says in words what a failed connection means, instead of the socket layer's code or an OpenSSL dump: a
// refused connection names the address (and asks whether the emulator runs), an https request answered in
// plain http says so, an untrusted certificate names the ways to trust its CA. Node's entry gives it to the
// transport (whichever `fetch` the client uses there); it reads only codes and messages, never a request's
// headers. A browser's fetch exposes none of these codes: the browser entry takes explainFetchFailure, which
// keeps only what a fetch's own error text can say.
import { describe } from "./network-errors.js";
import { tlsAdvice } from "./tls-errors.js";

interface SocketError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly cause?: unknown;
}

/** The errors of a chain of causes, outermost first. */
function chain(error: unknown): SocketError[] {
  const list: SocketError[] = [];
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as SocketError).cause, depth++) list.push(e as SocketError);
  return list;
}

const codeOf = (e: SocketError): string => (typeof e.code === "string" ? e.code : "");
const textOf = (e: SocketError): string => (typeof e.message === "string" ? e.message : "");

/** `host:port` of the URL (with the scheme's default port), for messages. */
function addressOf(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

function parsed(requestUrl: string): URL | undefined {
  try {
    return new URL(requestUrl);
  } catch {
    return undefined;
  }
}

/** The message for an https request a plain-http server answered; undefined for any other failure. */
function plainHttpAnswer(errors: readonly SocketError[], url: URL | undefined): string | undefined {
  // OpenSSL reads "HTTP/1.1 400…" as a TLS record of a wrong version.
  if (url?.protocol === "https:" && errors.some((e) => /WRONG_VERSION_NUMBER|wrong version number|packet length too long|http request/i.test(`${codeOf(e)} ${textOf(e)}`)))
    return `the server at ${addressOf(url)} speaks plain http, not https (TLS: wrong version number): use http://${url.host} as the endpoint (or start the server with TLS)`;
  return undefined;
}

/**
 * The browser entry's description of a failed fetch: a plain-http answer to https (which a fetch running on
 * Node's TLS reports), else the innermost message of the causes. A browser's fetch says no more than that.
 */
export function explainFetchFailure(error: unknown, requestUrl: string): string {
  return plainHttpAnswer(chain(error), parsed(requestUrl)) ?? describe(error);
}

/** A one-line description of why `url` could not be reached, without any secret (none is in these errors). */
export function explainNetworkError(error: unknown, requestUrl: string): string {
  const errors = chain(error);
  const url = parsed(requestUrl);
  const has = (test: (e: SocketError) => boolean): boolean => errors.some(test);
  const address = url ? addressOf(url) : "the server";

  const plainHttp = plainHttpAnswer(errors, url);
  if (plainHttp !== undefined) return plainHttp;
  if (has((e) => codeOf(e) === "ECONNREFUSED")) {
    return `connection refused by ${address} (ECONNREFUSED): nothing listens there. Is \`arr emulator\` (or the service) running, and on this port?`;
  }
  if (has((e) => codeOf(e) === "ENOTFOUND" || codeOf(e) === "EAI_AGAIN")) {
    return `the host ${url?.hostname ?? "of the endpoint"} could not be found (DNS, ${errors.map(codeOf).find((c) => c !== "") ?? "ENOTFOUND"}): check the endpoint's spelling`;
  }
  if (has((e) => codeOf(e) === "ETIMEDOUT" || codeOf(e) === "UND_ERR_CONNECT_TIMEOUT")) {
    return `no connection to ${address} could be made in time (a firewall, or a host that is down?)`;
  }
  const advice = tlsAdvice(error);
  return advice === undefined ? describe(error) : `${describe(error)}: ${advice}`;
}
