// Names the spec operation of a request from its method and URL path, for error reports (also for client.raw
// and for network failures, where only the request is known).
import { operationRoutes, stsPath } from "../../generated/constraints.js";

// Each route ("GET /accounts/{account_id}/sessions/{session_id}") as its method and a pattern of its path.
const templates: readonly { method: string; pattern: RegExp; id: string }[] = Object.entries({
  ...operationRoutes,
  getToken: `GET ${stsPath}`,
}).map(([id, route]) => {
  const [method = "", path = ""] = route.split(" ");
  // Anchored at the end only, so an endpoint with a path prefix still matches.
  return { method, id, pattern: new RegExp(`${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`) };
});

/** The operationId (`getSession`, …, `getToken`) whose method and path template match; undefined if none. */
export function operationOf(method: string, path: string): string | undefined {
  for (const t of templates) if (t.method === method && t.pattern.test(path)) return t.id;
  return undefined;
}
