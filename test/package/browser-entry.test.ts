// The package's two faces: `exports` sends browsers (and runtimes without the `node` condition) to
// index.browser.js, whose bundle holds no node:http, and Node to index.js with the node:http transport. Both
// export the same names.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { exports: Record<string, Record<string, string>> };

test("exports: browser and default lead to index.browser.js, node to index.js", () => {
  const main = pkg.exports["."]!;
  assert.equal(main["browser"], "./dist/src/index.browser.js");
  assert.equal(main["node"], "./dist/src/index.js");
  assert.equal(main["default"], "./dist/src/index.browser.js");
  // `browser` must come before `node`: a bundler for the browser may match both, and the first match wins.
  const order = Object.keys(main);
  assert.ok(order.indexOf("browser") < order.indexOf("node"), order.join(", "));
});

test("a browser bundle of the browser entry has no node: module; the Node entry's has the node:http transport", async () => {
  const inputs = async (entry: string, platform: "browser" | "node") => {
    const out = await build({ entryPoints: [resolve(root, entry)], bundle: true, write: false, metafile: true, platform, format: "esm", logLevel: "silent", external: ["node:*"] });
    const imports = Object.values(out.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    return { files: Object.keys(out.metafile.inputs), imports };
  };
  const browser = await inputs("src/index.browser.ts", "browser");
  assert.deepEqual(browser.imports.filter((p) => p.startsWith("node:")), []);
  assert.ok(!browser.files.some((f) => f.endsWith("transport/node-fetch.ts")), "no node-fetch.ts in the browser bundle");
  const node = await inputs("src/index.ts", "node");
  assert.ok(node.imports.includes("node:http") && node.files.some((f) => f.endsWith("transport/node-fetch.ts")));
});

test("both entries export the same names", async () => {
  const nodeEntry = await import("../../src/index.js");
  const browserEntry = await import("../../src/index.browser.js");
  assert.deepEqual(Object.keys(browserEntry).sort(), Object.keys(nodeEntry).sort());
});

test("the built package: the browser entry's chunks import no node: module; the Node entry's reach node:http", async () => {
  const { bundleEntries } = await import("../../scripts/build.js");
  const out = mkdtempSync(join(tmpdir(), "arr-bundle-"));
  try {
    await bundleEntries(out);
    // Every module an entry reaches, static or dynamic import, through the chunks the build wrote.
    const reached = (entry: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (file: string): void => {
        if (seen.has(file)) return;
        seen.add(file);
        if (file.startsWith("node:") || !file.startsWith("/")) return;
        const code = readFileSync(file, "utf8");
        for (const [, specifier = ""] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"([^"]+)"/g)) {
          visit(specifier.startsWith(".") ? resolve(dirname(file), specifier) : specifier);
        }
      };
      visit(join(out, entry));
      return seen;
    };
    const browser = [...reached("src/index.browser.js")];
    assert.ok(browser.some((m) => m.includes("/chunks/")), "the browser entry shares chunks with the Node entry");
    assert.deepEqual(browser.filter((m) => m.startsWith("node:")), []);
    assert.ok(reached("src/index.js").has("node:http"));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
