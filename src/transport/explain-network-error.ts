// Says in words what a failed connection means, instead of the socket layer's code or an OpenSSL dump: a
// refused connection names the address (and asks whether the emulator runs), an https request answered in
// plain http says so, an untrusted certificate names the ways to trust its CA. Node's entry gives it to the
// transport (whichever `fetch` the client uses there); it reads only codes and messages, never a request's
// headers. A browser's fetch exposes none of these codes, so the browser entry does without it.
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

/** A one-line description of why `url` could not be reached, without any secret (none is in these errors). */
export function explainNetworkError(error: unknown, requestUrl: string): string {
  const errors = chain(error);
  let url: URL | undefined;
  try {
    url = new URL(requestUrl);
  } catch {
    url = undefined;
  }
  const has = (test: (e: SocketError) => boolean): boolean => errors.some(test);
  const address = url ? addressOf(url) : "the server";

  // An https request to a plain-http server: OpenSSL reads "HTTP/1.1 400…" as a TLS record of a wrong version.
  if (url?.protocol === "https:" && has((e) => /WRONG_VERSION_NUMBER|wrong version number|packet length too long|http request/i.test(`${codeOf(e)} ${textOf(e)}`))) {
    return `the server at ${address} speaks plain http, not https (TLS: wrong version number): use http://${url.host} as the endpoint (or start the server with TLS)`;
  }
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
