// Hints appended to a service error's message when the answer alone does not tell a newcomer what went wrong:
// a 404 names the id it looked for; a 404 from an endpoint that has a path says which URL was tried; a 401 to a
// token obtained at an STS says that the STS address may be wrong. Built from the request's URL (without its
// query) and the client's settings only: nothing secret goes in.
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";

/** What the hints may use of the client. */
export interface HintContext {
  /** The endpoint without a trailing slash. */
  readonly endpoint: string;
  /** The STS the client exchanges its credential at; undefined with a fixed access token. */
  readonly stsEndpoint: string | undefined;
}

const resourcePath = /\/accounts\/([^/]+)\/(sessions|conversions)\/([^/:?]+)/;

/** The hints for a failed request, in reading order (empty when none applies). */
export function errorHints(context: HintContext, method: string, url: string, status: number): string[] {
  const hints: string[] = [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return hints;
  }
  const endpointPath = new URL(context.endpoint).pathname.replace(/\/+$/, "");
  if (status === 404) {
    const match = resourcePath.exec(parsed.pathname);
    if (match) {
      const kind = match[2] === "sessions" ? "session" : "conversion";
      hints.push(`looked for ${kind} '${decodeURIComponent(match[3] ?? "")}' in account ${decodeURIComponent(match[1] ?? "")}`);
    }
    if (endpointPath !== "") {
      hints.push(
        `tried ${method} ${parsed.origin}${parsed.pathname}: the endpoint has the path ${endpointPath}, ` +
          `but a service endpoint is just its origin, such as ${parsed.origin}`,
      );
    }
  }
  if (status === 401 && context.stsEndpoint !== undefined && !parsed.href.startsWith(`${context.stsEndpoint}/`)) {
    hints.push(
      `${parsed.origin} refused the access token issued by the STS at ${context.stsEndpoint}: the STS address may be wrong ` +
        `(an account's STS is https://sts.<account domain>; an emulator is its own STS)`,
    );
  }
  return hints;
}

/** `error` with the hints appended to its message (the same error when there are none). */
export function withHints(error: RemoteRenderingError, hints: readonly string[]): RemoteRenderingError {
  if (hints.length === 0) return error;
  // Every field is an own property of the error; `message` and `cause` are not enumerable, so they are named.
  return new RemoteRenderingError({ ...error, message: `${error.message} (${hints.join("; ")})`, cause: error.cause });
}
