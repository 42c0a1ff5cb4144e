// What a newcomer meets before any code runs: a license that ships, no invented repository URL, `npm ci`
// without the install-script warning we can avoid, and a fast documented way to run `arr` from the repository.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  license: string;
  files: string[];
  scripts: Record<string, string>;
  bin: Record<string, string>;
  allowScripts?: Record<string, boolean>;
  repository?: unknown;
  homepage?: unknown;
};
const readme = readFileSync(new URL("README.md", root), "utf8");

test("an MIT LICENSE of the contributors, shipped; no invented repository or homepage", () => {
  const license = readFileSync(new URL("LICENSE", root), "utf8");
  assert.equal(pkg.license, "MIT");
  assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} the remote-rendering-client contributors\n/);
  assert.ok(pkg.files.includes("LICENSE"));
  assert.equal(pkg.repository, undefined);
  assert.equal(pkg.homepage, undefined);
});

test("every dependency's install script is reviewed, so npm ci does not warn about it", () => {
  assert.equal(pkg.allowScripts?.["esbuild"], true);
  const result = spawnSync("npm", ["install-scripts", "ls"], { cwd: root, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /No packages with unreviewed install scripts/, result.stdout + result.stderr);
});

test("a fast way to run arr from the repository: npm run -s arr, documented with npm link", () => {
  assert.equal(pkg.scripts["arr"], `node ${(pkg.bin["arr"] ?? "?").replace(/^\.\//, "")}`);
  assert.match(readme, /npm run -s arr -- /);
  assert.match(readme, /npm link/);
});
