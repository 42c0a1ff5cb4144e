// Both specs pass Redocly's recommended-strict preset and our own rules, with zero warnings; and our rules bite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const redocly = join(root, "node_modules", ".bin", "redocly");

function lint(cwd: string) {
  const result = spawnSync(redocly, ["lint", "--format=stylish"], { cwd, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("both specs lint clean: no errors, no warnings", () => {
  const { status, output } = lint(root);
  assert.equal(status, 0, output);
  // Redocly's own banner about Node 20 is not a finding about the specs; findings are listed per file.
  assert.match(output, /Woohoo! Your API descriptions are valid/);
  assert.doesNotMatch(output, /\d+:\d+\s+(warning|error)/);
  assert.match(output, /remote-rendering\.yaml: validated/);
  assert.match(output, /mixed-reality-sts\.yaml: validated/);
});

test("our rules catch a 401 without WWW-Authenticate, a response without MS-CV and an operation without default", () => {
  const dir = mkdtempSync(join(tmpdir(), "arr-lint-"));
  try {
    cpSync(join(root, "spec"), join(dir, "spec"), { recursive: true });
    cpSync(join(root, "redocly.yaml"), join(dir, "redocly.yaml"));
    const path = join(dir, "spec", "remote-rendering.yaml");
    let spec = readFileSync(path, "utf8");
    spec = spec.replace(
      /(    Unauthorized:\n(?:.*\n)*?      headers:\n        MS-CV:\n          \$ref: "#\/components\/headers\/MS-CV"\n(?:.*\n)*?)        WWW-Authenticate:\n          \$ref: "#\/components\/headers\/WWW-Authenticate"\n/,
      "$1",
    );
    spec = spec.replace(/(    Conflict:\n(?:.*\n)*?      headers:\n)        MS-CV:/, "$1        X-Not-Ms-Cv:");
    spec = spec.replace(/(operationId: stopSession\n(?:.*\n)*?)        default:\n          \$ref: "#\/components\/responses\/OtherError"\n/, "$1");
    writeFileSync(path, spec);
    const { status, output } = lint(dir);
    assert.notEqual(status, 0);
    assert.match(output, /rule\/unauthorized-has-www-authenticate/);
    assert.match(output, /rule\/response-headers-have-ms-cv/);
    assert.match(output, /rule\/operation-has-default-response/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
