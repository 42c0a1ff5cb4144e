// The guides cannot go stale: every ```ts block of guides/*.md type-checks against the package. A block that
// uses `client` without creating one is a fragment of a longer program: it gets a declared client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { typeCheck } from "./type-check.js";

const root = resolve(import.meta.dirname, "../..");
const fragmentPreamble =
  `import type { RemoteRenderingClient } from "remote-rendering-client";\n` + `declare const client: RemoteRenderingClient;\n`;

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

test("every ```ts block of the guides type-checks against the package", () => {
  const sources: Record<string, string> = {};
  for (const file of readdirSync(join(root, "guides")).filter((f) => f.endsWith(".md"))) {
    tsBlocks(readFileSync(join(root, "guides", file), "utf8")).forEach((code, i) => {
      const fragment = !/\bconst client\b/.test(code) && /\bclient\./.test(code);
      sources[`${file.replace(".md", "")}-${i + 1}`] = `${fragment ? fragmentPreamble : ""}${code}\nexport {};\n`;
    });
  }
  assert.ok(Object.keys(sources).length >= 4, `the guides have TypeScript blocks: ${Object.keys(sources).join(", ")}`);
  assert.deepEqual(typeCheck(sources), []);
});
