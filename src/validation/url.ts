// URL rules of the client: absolute https everywhere, plain http only for a loopback host (a local emulator
// or Azurite), so a credential or SAS never crosses a network in clear text.

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** True for an absolute https URL, or an http URL whose host is loopback (localhost, 127.x.x.x, [::1]). */
export function isAllowedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return url.hostname !== "";
  return url.protocol === "http:" && loopback.test(url.hostname);
}

/** The URL without its query string (where a SAS token would sit), for error messages. */
export function withoutQuery(value: string): string {
  const at = value.search(/[?#]/);
  return at < 0 ? value : `${value.slice(0, at)}?[REDACTED]`;
}
