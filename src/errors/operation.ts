// Names the spec operation of a request from its method and URL path, for error reports (also for client.raw
// and for network failures, where only the request is known).
import { operations, stsPath } from "../../generated/constraints.js";

const templates: readonly { method: string; pattern: RegExp; id: string }[] = [
  ...Object.entries(operations).map(([id, op]) => ({ method: op.method as string, path: op.path as string, id })),
  { method: "GET", path: stsPath as string, id: "getToken" },
].map(({ method, path, id }) => ({
  method,
  id,
  // Anchored at the end only, so an endpoint with a path prefix still matches.
  pattern: new RegExp(`${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** The operationId (`getSession`, …, `getToken`) whose method and path template match; undefined if none. */
export function operationOf(method: string, path: string): string | undefined {
  for (const t of templates) if (t.method === method && t.pattern.test(path)) return t.id;
  return undefined;
}
