// URL rules of the client: absolute https everywhere, plain http only for a loopback host (a local emulator
// or Azurite) unless the caller opted in with `allowInsecureHttp`, so a credential or SAS never crosses a
// network in clear text by accident.

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** How strict the URL rules are for one client. */
export interface UrlPolicy {
  /** Plain http to any host (an emulator in another container or on another machine). */
  readonly allowInsecureHttp?: boolean | undefined;
}

/**
 * True for an absolute https URL, or an http URL whose host is loopback (localhost, 127.x.x.x, [::1]) — or any
 * http URL when the policy allows insecure http.
 */
export function isAllowedUrl(value: string, policy: UrlPolicy = {}): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return url.hostname !== "";
  if (url.protocol !== "http:" || url.hostname === "") return false;
  return policy.allowInsecureHttp === true || loopback.test(url.hostname);
}

/** True for a plain http URL to a host that is not loopback: refused unless `allowInsecureHttp` is set. */
export function isInsecureRemoteHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" && url.hostname !== "" && !loopback.test(url.hostname);
  } catch {
    return false;
  }
}

/** What the refusal of a plain http URL adds: the way out, by name. */
export const insecureHttpHint = "plain http to a host other than loopback needs the option allowInsecureHttp: true";

/** The URL without its query string (where a SAS token would sit), for error messages. */
export function withoutQuery(value: string): string {
  const at = value.search(/[?#]/);
  return at < 0 ? value : `${value.slice(0, at)}?[REDACTED]`;
}
