// generated/ is what the spec produces now, and a stale generated/ is refused with a message that says what to do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

function check(dir?: string) {
  const args = ["--import", "tsx", join(root, "scripts", "check-generated.ts"), ...(dir ? [dir] : [])];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("generated/ is fresh", () => {
  const { status, output } = check();
  assert.equal(status, 0, output);
  assert.match(output, /generated\/ is fresh/);
});

test("a stale generated/ fails with a readable diff and the command that fixes it", () => {
  const dir = mkdtempSync(join(tmpdir(), "arr-stale-"));
  try {
    cpSync(join(root, "generated"), dir, { recursive: true });
    const types = join(dir, "remote-rendering.ts");
    writeFileSync(types, readFileSync(types, "utf8").replace("The properties of a rendering session.", "An old description."));
    const { status, output } = check(dir);
    assert.equal(status, 1, output);
    assert.match(output, /generated\/ is stale: remote-rendering\.ts/);
    assert.match(output, /npm run generate/);
    assert.match(output, /-.*An old description\./);
    assert.match(output, /\+.*The properties of a rendering session\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
