// The route table, derived from the operations the generator wrote into generated/constraints.ts (never
// retyped), plus the STS token path. Matching splits the path once and compares segments.
import { constraints } from "../../generated/constraints.js";

export type ArrOperationId = keyof typeof constraints.operations;
export type OperationId = ArrOperationId | "getToken";

export interface Route {
  readonly operationId: OperationId;
  readonly method: string;
  /** Literal segments as strings, parameters as `{ param }`. */
  readonly segments: readonly (string | { readonly param: string })[];
  /** Name of the request body's schema, or null when the operation takes none. */
  readonly requestBody: string | null;
  /** The id parameter that throttling counts by (session_id / conversion_id), if any. */
  readonly idParameter: string | undefined;
  /**
   * The first segment is matched without regard to case: the token service answered `/Accounts/` (the
   * SDKs) and `/accounts/` (the docs and Microsoft's scripts) alike.
   */
  readonly foldFirstSegment: boolean;
}

export type RouteMatch =
  | { readonly kind: "found"; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: "method"; readonly allow: string }
  | { readonly kind: "none" };

function compile(operationId: OperationId, method: string, path: string, requestBody: string | null, foldFirstSegment = false): Route {
  const segments = path
    .split("/")
    .slice(1)
    .map((segment) => (segment.startsWith("{") && segment.endsWith("}") ? { param: segment.slice(1, -1) } : segment));
  const idParameter = segments
    .map((s) => (typeof s === "string" ? undefined : s.param))
    .find((name) => name === "session_id" || name === "conversion_id");
  return { operationId, method, segments, requestBody, idParameter, foldFirstSegment };
}

export const routes: readonly Route[] = [
  ...Object.entries(constraints.operations).map(([id, op]) =>
    compile(id as ArrOperationId, op.method, op.path, op.requestBody),
  ),
  compile("getToken", "GET", constraints.stsPath, null, true),
];

// Decoding can fail on a malformed escape; the raw text then fails the parameter's pattern later.
function decode(segment: string): string {
  if (segment.indexOf("%") < 0) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches a request path (without query) and method against the table. */
export function matchRoute(method: string, path: string): RouteMatch {
  const parts = path.split("/");
  let allow: string[] | undefined;
  for (const route of routes) {
    if (parts.length !== route.segments.length + 1 || parts[0] !== "") continue;
    let params: Record<string, string> | undefined = {};
    for (let i = 0; i < route.segments.length; i++) {
      const expected = route.segments[i];
      const actual = parts[i + 1] ?? "";
      if (typeof expected === "string") {
        const same = expected === actual || (i === 0 && route.foldFirstSegment && expected.toLowerCase() === actual.toLowerCase());
        if (!same) {
          params = undefined;
          break;
        }
      } else if (expected !== undefined) {
        params[expected.param] = decode(actual);
      }
    }
    if (params === undefined) continue;
    if (route.method === method) return { kind: "found", route, params };
    (allow ??= []).push(route.method);
  }
  return allow === undefined ? { kind: "none" } : { kind: "method", allow: allow.join(", ") };
}
