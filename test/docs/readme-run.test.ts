// The README's runnable examples: each ```ts block after a `<!-- readme-run: <name> -->` marker runs (the package
// name mapped to the sources) and must print exactly the ```text block that follows it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const dir = join(root, ".tmp", `readme-run-${process.pid}`);
after(() => rmSync(dir, { recursive: true, force: true }));

interface Runnable {
  readonly name: string;
  readonly code: string;
  readonly expected: string;
}

/** The ```ts block after each marker and the ```text block after it. */
export function runnables(markdown: string): Runnable[] {
  const found: Runnable[] = [];
  for (const match of markdown.matchAll(/<!-- readme-run: ([\w-]+) -->\n```ts\n([\s\S]*?)```\n\s*```text\n([\s\S]*?)```/g)) {
    found.push({ name: match[1] ?? "", code: match[2] ?? "", expected: match[3] ?? "" });
  }
  return found;
}

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", file], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

const blocks = runnables(readme);

test("the README has its runnable examples (keep-alive, fallback)", () => {
  assert.deepEqual(blocks.map((b) => b.name).sort(), ["fallback", "keep-alive"]);
});

for (const block of blocks) {
  test(`README example '${block.name}' runs and prints what the README shows`, async () => {
    mkdirSync(dir, { recursive: true });
    const source = block.code
      .replaceAll('"remote-rendering-client/emulator"', JSON.stringify(pathToFileURL(join(root, "src/emulator/index.ts")).href))
      .replaceAll('"remote-rendering-client"', JSON.stringify(pathToFileURL(join(root, "src/index.ts")).href));
    const file = join(dir, `${block.name}.ts`);
    writeFileSync(file, `${source}\nexport {};\n`);
    const result = await run(file);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, block.expected, `stdout of the '${block.name}' example differs from the README`);
  });
}
