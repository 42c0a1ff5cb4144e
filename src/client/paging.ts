// list(): an async iterable over every item of every page, following @nextLink (absolute, or relative to the
// page it came in) on the client's own host only.
import { apiVersion } from "../../generated/constraints.js";
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";
import { readBody } from "../transport/read-body.js";
import { exchangeOf } from "../transport/transport.js";
import { failure, type ClientContext, type RawAnswer } from "./context.js";
import type { PagedAsyncIterable, RequestOptions } from "./types.js";

/** One page as read from the service. */
export interface Page<T> {
  readonly items: T[];
  readonly nextLink: string | undefined;
  /** The URL this page was fetched from, against which a relative nextLink resolves. */
  readonly url: string;
}

function invalid(status: number, code: string, message: string, url: URL): RemoteRenderingError {
  return new RemoteRenderingError({ status, code, message, method: "GET", path: url.pathname });
}

/** The absolute URL of the next page; an error (before any credential is sent) when it leaves the client's host. */
export function resolveNextLink(context: ClientContext, nextLink: string, pageUrl: string, status = 200): URL {
  let next: URL;
  try {
    next = new URL(nextLink, pageUrl);
  } catch {
    throw invalid(status, "InvalidNextLink", `The service sent an @nextLink that is not a URL`, new URL(pageUrl));
  }
  const origin = new URL(context.endpoint).origin;
  if (next.origin !== origin)
    throw invalid(status, "UntrustedNextLink", `@nextLink points to ${next.origin}, not to ${origin}; it was not followed`, new URL(pageUrl));
  if (next.href === new URL(pageUrl).href)
    throw invalid(status, "InvalidNextLink", "@nextLink points to the page it came in; it was not followed", next);
  if (!next.searchParams.has("api-version")) next.searchParams.set("api-version", apiVersion);
  return next;
}

/** Fetches a page at an absolute URL (a followed @nextLink) and takes its items from `key`. */
export async function fetchPage<T>(context: ClientContext, url: URL, key: string, signal: AbortSignal | undefined): Promise<Page<T>> {
  const response = await context.transport(new Request(url, { headers: { accept: "application/json" }, signal: signal ?? null }));
  const body = await readBody(response);
  if (!response.ok) throw failure(context, response, body);
  return pageFrom<T>(body, key, response, url.href);
}

/** A Page from a list body (`{ sessions | conversions: [...], "@nextLink"? }`). */
export function pageFrom<T>(body: unknown, key: string, response: Response, url = exchangeOf(response)?.url ?? ""): Page<T> {
  const items = (body as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(items))
    throw invalid(response.status, "InvalidResponse", `The list answer has no "${key}" array`, new URL(url || "http://invalid/"));
  const nextLink = (body as { "@nextLink"?: unknown })["@nextLink"];
  return { items: items as T[], nextLink: typeof nextLink === "string" && nextLink !== "" ? nextLink : undefined, url };
}

/**
 * Builds the iterable over the pages that start with the answer of `first` (a list call of client.raw) and
 * continue through @nextLink; items are taken from `key`.
 */
export function paged<T>(
  context: ClientContext,
  key: string,
  first: (signal: AbortSignal | undefined) => Promise<RawAnswer>,
  options: RequestOptions | undefined,
): PagedAsyncIterable<T> {
  const signal = options?.signal;
  async function* pages(): AsyncGenerator<T[], void, undefined> {
    const { data, error, response } = await first(signal);
    if (!response.ok) throw failure(context, response, error);
    let page = pageFrom<T>(data, key, response);
    yield page.items;
    while (page.nextLink !== undefined) {
      page = await fetchPage<T>(context, resolveNextLink(context, page.nextLink, page.url), key, signal);
      yield page.items;
    }
  }
  return {
    byPage: pages,
    async *[Symbol.asyncIterator]() {
      for await (const items of pages()) yield* items;
    },
  };
}
