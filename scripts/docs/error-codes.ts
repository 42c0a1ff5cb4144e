// Every error code the project can show a user, found where it is made rather than listed by hand: the error
// examples of both specs, the string literals the client, the emulator and the CLI pass as a `code`, and the
// status names the client falls back to for an answer without a body. The troubleshooting page's table is
// built from this, and test/docs/completeness.test.ts checks that the page explains every code it finds.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

export type CodeSource = "API" | "client" | "emulator" | "CLI";

export interface ErrorCode {
  readonly code: string;
  /** HTTP statuses it comes with (empty when there is no answer: network failures, the CLI's own codes). */
  readonly statuses: readonly number[];
  readonly sources: readonly CodeSource[];
  /** Where it was found, e.g. `spec remote-rendering: components.responses.Conflict` or `src/emulator/reply.ts`. */
  readonly foundIn: readonly string[];
}

// Which source folder speaks for whom; storage and TLS code of the coming issues fall in automatically.
const folderSources: Readonly<Record<string, CodeSource>> = {
  auth: "client",
  client: "client",
  errors: "client",
  transport: "client",
  validation: "client",
  storage: "client",
  emulator: "emulator",
  cli: "CLI",
};

// The forms a code takes in the source: `errorReply(404, "NotFound", …)`, `code: "X"` in an object literal,
// `errorWithoutResponse(request, "Timeout", …)`, and the `404: "NotFound"` rows of the status-name table.
const patterns: readonly RegExp[] = [
  /errorReply\(\s*(?<status>\d{3}),\s*"(?<code>[A-Z][A-Za-z0-9]+)"/g,
  /\bcode:\s*"(?<code>[A-Z][A-Za-z0-9]+)"/g,
  /errorWithoutResponse\([^,()]+,\s*"(?<code>[A-Z][A-Za-z0-9]+)"/g,
  /^\s*(?<status>\d{3}):\s*"(?<code>[A-Z][A-Za-z0-9]+)",?$/gm,
];

interface Found {
  statuses: Set<number>;
  sources: Set<CodeSource>;
  foundIn: Set<string>;
}

function add(found: Map<string, Found>, code: string, source: CodeSource, where: string, status?: number): void {
  const entry = found.get(code) ?? { statuses: new Set(), sources: new Set(), foundIn: new Set() };
  if (status !== undefined) entry.statuses.add(status);
  entry.sources.add(source);
  entry.foundIn.add(where);
  found.set(code, entry);
}

/** Walks a bundled spec: every example value that holds `{ code, message }`, with the status it answers. */
function scanSpec(found: Map<string, Found>, name: string): void {
  const document = JSON.parse(readFileSync(join(root, "generated", `${name}.json`), "utf8")) as Record<string, unknown>;
  const walk = (node: unknown, path: string[], status: number | undefined): void => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, String(i)], status));
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    const record = node as Record<string, unknown>;
    if (typeof record["code"] === "string" && typeof record["message"] === "string" && path.includes("examples")) {
      add(found, record["code"], "API", `spec ${name}: ${path.slice(0, 3).join(".")}`, status);
    }
    for (const [key, child] of Object.entries(record)) {
      // Under responses, the key names the status; shared responses in components carry none.
      const next = path[path.length - 1] === "responses" && /^\d{3}$/.test(key) ? Number(key) : status;
      walk(child, [...path, key], next);
    }
  };
  walk(document, [], undefined);
}

function scanSources(found: Map<string, Found>): void {
  const src = join(root, "src");
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const folder = relative(src, file).split(/[\\/]/)[0] ?? "";
    const source = folderSources[folder];
    if (!source) continue;
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const { code, status } = match.groups ?? {};
        if (code) add(found, code, source, relative(root, file), status === undefined ? undefined : Number(status));
      }
    }
  }
}

/** Every error code, sorted by name. */
export function errorCodes(): ErrorCode[] {
  const found = new Map<string, Found>();
  scanSpec(found, "remote-rendering");
  scanSpec(found, "mixed-reality-sts");
  scanSources(found);
  const order: readonly CodeSource[] = ["API", "client", "emulator", "CLI"];
  return [...found.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, f]) => ({
      code,
      statuses: [...f.statuses].sort((a, b) => a - b),
      sources: order.filter((s) => f.sources.has(s)),
      foundIn: [...f.foundIn].sort(),
    }));
}
