// List pages of 50 with an `@nextLink` whose `$skipToken` is the creation order of the page's last item:
// a cursor, so items that end between two pages do not shift later ones out of the list.
import { constraints } from "../../generated/constraints.js";
import { errorReply, type Reply } from "./reply.js";

/** How many items one page of a list holds before the emulator adds `@nextLink`. */
export const PAGE_SIZE = 50;

/** The cursor of a `$skipToken` (0 when absent), or a 400 reply when it is not one of ours. */
export function skipToken(query: URLSearchParams): number | Reply {
  const token = query.get("$skipToken");
  if (token === null) return 0;
  if (!/^\d{1,15}$/.test(token)) {
    return errorReply(400, "BadRequest", "The $skipToken value is not valid.", { target: "$skipToken" });
  }
  return Number(token);
}

/** One page of the items after `after` that pass `include`; `nextSeq` is set when more follow. */
export function pageOf<T extends { readonly seq: number }>(
  items: Iterable<T>,
  after: number,
  include: (item: T) => boolean,
): { readonly page: T[]; readonly nextSeq: number | undefined } {
  const page: T[] = [];
  for (const item of items) {
    if (item.seq <= after || !include(item)) continue;
    if (page.length === PAGE_SIZE) return { page, nextSeq: page[page.length - 1]?.seq };
    page.push(item);
  }
  return { page, nextSeq: undefined };
}

/**
 * The `@nextLink` of a page: at the origin the request came to, with the request's api-version; `null` on the
 * last page, as the service wrote it.
 */
export function nextLink(
  origin: string,
  accountId: string,
  collection: "sessions" | "conversions",
  query: URLSearchParams,
  seq: number | undefined,
): string | null {
  if (seq === undefined) return null;
  const version = query.get("api-version") ?? constraints.apiVersion;
  return `${origin}/accounts/${accountId}/${collection}?api-version=${encodeURIComponent(version)}&$skipToken=${seq}`;
}
