// Serves the built docs (npm run docs) on 127.0.0.1 so they can be browsed; the browser test reuses serveDocs.
// Usage: tsx scripts/docs-serve.ts [--port 8080] [--dir docs]   (--port 0 picks any free port)
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface DocsServer {
  server: Server;
  /** Base URL ending in "/", e.g. http://127.0.0.1:8080/ */
  url: string;
  close(): Promise<void>;
}

/** Maps a URL path to a file inside dir, or undefined when it escapes dir or names nothing servable. */
export function resolveDocPath(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "/");
  } catch {
    return undefined; // malformed %-escapes
  }
  if (decoded.includes("\0")) return undefined;
  const base = resolve(dir);
  let file = resolve(base, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  // resolve() has already collapsed "..": anything not under base is a traversal attempt.
  const rel = relative(base, file);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a static file server for dir on 127.0.0.1 (only; the docs are for the local user). */
export function serveDocs(options: { dir?: string; port?: number } = {}): Promise<DocsServer> {
  const dir = resolve(options.dir ?? join(root, "docs"));
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const file = resolveDocPath(dir, req.url ?? "/");
    if (file === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    res.writeHead(200, {
      "Content-Type": contentTypes[extname(file)] ?? "application/octet-stream",
      "Content-Length": statSync(file).size,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        server,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "8080" }, dir: { type: "string" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
    process.exit(2);
  }
  const dir = resolve(values.dir ?? join(root, "docs"));
  try {
    statSync(join(dir, "index.html"));
  } catch {
    console.error(`${dir}/index.html not found: run npm run docs first`);
    process.exit(1);
  }
  const { url } = await serveDocs({ dir, port });
  console.log(`serving ${dir} at ${url} (Ctrl+C to stop)`);
}
