// The README cannot go stale: its TypeScript blocks type-check against the package, and the shell examples of its
// command-line section run against the emulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The fenced blocks of one language, with the heading they stand under. */
export function fencedBlocks(markdown: string, language: string): { heading: string; code: string }[] {
  const blocks: { heading: string; code: string }[] = [];
  let heading = "";
  let current: string[] | null = null;
  for (const line of markdown.split("\n")) {
    if (current) {
      if (line.startsWith("```")) {
        blocks.push({ heading, code: current.join("\n") });
        current = null;
      } else current.push(line);
    } else if (line.startsWith(`\`\`\`${language}`) && line.trim() === `\`\`\`${language}`) current = [];
    else if (line.startsWith("```")) current = null;
    else if (/^#{1,3} /.test(line)) heading = line.replace(/^#+ /, "");
  }
  return blocks;
}

test("every ```ts block of the README type-checks against the package", () => {
  const blocks = fencedBlocks(readme, "ts");
  assert.ok(blocks.length >= 1, "the README has no TypeScript example");
  // Inside the repository, so that node_modules resolves; the package name maps to the sources.
  const dir = join(root, ".tmp", `readme-check-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = blocks.map((block, i) => {
      const file = join(dir, `block-${i + 1}.ts`);
      // Each block is a module of its own; top-level await is fine in an ES module.
      writeFileSync(file, `${block.code}\nexport {};\n`);
      return file;
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: {
          noEmit: true,
          paths: {
            "remote-rendering-client": ["../../src/index.ts"],
            "remote-rendering-client/emulator": ["../../src/emulator/index.ts"],
          },
          allowImportingTsExtensions: true,
        },
        include: files.map((f) => f.slice(dir.length + 1)),
      }),
    );
    const tsc = spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8" });
    assert.equal(tsc.status, 0, `README TypeScript blocks do not compile:\n${tsc.stdout}${tsc.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the block extractor finds blocks and their headings", () => {
  const blocks = fencedBlocks("# A\n```ts\nconst a = 1;\n```\n## B\n```sh\narr x\n```\n```ts\nlet b;\n```\n", "ts");
  assert.deepEqual(blocks, [
    { heading: "A", code: "const a = 1;" },
    { heading: "B", code: "let b;" },
  ]);
});
