// The README's runnable blocks: the ```sh block after a marker comment, run with bash, `arr` being the built CLI.
// Used by the walk-through tests (readme, readme-lease, convert-readme).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtCli } from "./build.js";
import { root } from "./support.js";

export interface ReadmeBlock {
  readonly source: string;
  readonly script: string;
}

export interface BlockRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Both outputs with the block's source, for assertion messages. */
  readonly dump: string;
}

/** The ```sh block that follows `marker` (e.g. `<!-- cli-walkthrough`) in the README. */
export function readmeBlockAfter(marker: string): ReadmeBlock {
  const source = "README.md";
  const text = readFileSync(`${root}${source}`, "utf8");
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `${source} has lost its marker ${marker} -->`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(block?.[1], `${source}: no \`\`\`sh block after ${marker} -->`);
  return { source, script: block[1] };
}

/** Runs `block` with bash (`set -euo pipefail`) in `cwd` with exactly `env`, `arr` being the built CLI. */
export async function runReadmeBlock(block: ReadmeBlock, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<BlockRun> {
  const main = await builtCli();
  const script = `set -euo pipefail\narr() { "${process.execPath}" "${main}" "$@"; }\n${block.script}`;
  const child = spawn("bash", ["-c", script], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr, dump: `${block.source}\n--- stdout\n${stdout}\n--- stderr\n${stderr}` };
}
