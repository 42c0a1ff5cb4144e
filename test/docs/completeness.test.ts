// The generated parts of the guides are complete, read back from the rendered pages and compared with what the
// code defines right now (other work adds commands, flags and error codes; these lists are never restated):
// the CLI reference lists every command with exactly its flags; the emulator guide's options table lists exactly
// the flags of `arr emulator`; the troubleshooting page explains every error code of the specs' examples, the
// client, the emulator and the CLI.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { commands } from "../../src/cli/commands.js";
import * as optionTables from "../../src/cli/options.js";
import { buildGuides } from "../../scripts/docs/guides.js";
import { errorCodes } from "../../scripts/docs/error-codes.js";
import { renderGuide, slug } from "../../scripts/docs/guides.js";

const root = resolve(import.meta.dirname, "../..");

/** Each `<section data-command="…">` of a page, with the flags of its `<tr data-flag="…">` rows. */
function sections(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of html.matchAll(/<section class="command"[^>]*data-command="([^"]*)"[^>]*>([\s\S]*?)<\/section>/g)) {
    const flags = [...(match[2] ?? "").matchAll(/<tr data-flag="([^"]+)"/g)].map((m) => m[1] ?? "");
    assert.ok(!found.has(match[1] ?? ""), `the command "${match[1]}" has one section only`);
    found.set(match[1] ?? "", flags);
  }
  return found;
}

describe("the generated guides are complete", () => {
  const pages = new Map<string, string>();

  before(() => {
    const dir = mkdtempSync(join(tmpdir(), "arr-guides-"));
    try {
      for (const file of buildGuides(dir, "test")) pages.set(file.slice(dir.length + 1), readFileSync(file, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the CLI reference has every command, each with exactly the flags it takes", () => {
    const html = pages.get("cli.html");
    assert.ok(html, "cli.html is built");
    const listed = sections(html);
    const expected = new Map(commands.map((c) => [c.words.join(" "), Object.keys(c.options).sort()]));
    for (const [command, flags] of expected) {
      assert.deepEqual(listed.get(command)?.sort(), flags, `arr ${command}: the flags on the page`);
    }
    // Nothing else: no command the CLI lacks (the global section, "", holds --version and --help).
    assert.deepEqual([...listed.keys()].filter((c) => c !== "").sort(), [...expected.keys()].sort());
    assert.deepEqual(listed.get("")?.sort(), ["help", "version"]);
    // Every flag of every option table in options.ts is somewhere on the page.
    for (const [table, options] of Object.entries(optionTables)) {
      if (typeof options !== "object" || options === null) continue;
      for (const flag of Object.keys(options)) {
        assert.ok(html.includes(`data-flag="${flag}"`), `--${flag} of ${table} is on the page`);
      }
    }
  });

  test("the emulator guide's options table lists exactly the flags of arr emulator", () => {
    const html = pages.get("emulator.html");
    assert.ok(html, "emulator.html is built");
    const emulator = commands.find((c) => c.words.join(" ") === "emulator");
    assert.ok(emulator);
    assert.deepEqual(sections(html).get("emulator")?.sort(), Object.keys(emulator.options).sort());
    assert.equal(sections(html).size, 1, "one options table");
  });

  test("the troubleshooting page explains every error code of the specs, the client, the emulator and the CLI", () => {
    const html = pages.get("troubleshooting.html");
    assert.ok(html, "troubleshooting.html is built");
    const codes = errorCodes();
    // The scan finds what it must (so an empty scan cannot pass): codes of each origin.
    for (const known of ["Conflict", "NetworkError", "Timeout", "UntrustedHost", "SessionStartFailed", "UsageError"]) {
      assert.ok(codes.some((c) => c.code === known), `the scan finds ${known}`);
    }
    const explained = new Set([...html.matchAll(/<h3 id="([^"]+)">/g)].map((m) => m[1]));
    const missing = codes.filter((c) => !explained.has(slug(c.code)));
    assert.deepEqual(
      missing.map((c) => `${c.code} (from ${c.foundIn.join(", ")})`),
      [],
      "error codes without a ### `Code` section in guides/troubleshooting.md",
    );
    // The generated table lists each code once and links its explanation.
    for (const c of codes) assert.ok(html.includes(`<tr data-code="${c.code}"><td><a href="#${slug(c.code)}">`), c.code);
  });

  test("a code without an explanation is reported", () => {
    const markdown = readFileSync(join(root, "guides", "troubleshooting.md"), "utf8").replace(/^### `Timeout`$/m, "### Time out");
    const { body } = renderGuide(markdown, "troubleshooting");
    const explained = new Set([...body.matchAll(/<h3 id="([^"]+)">/g)].map((m) => m[1]));
    assert.equal(explained.has(slug("Timeout")), false);
    assert.ok(readdirSync(join(root, "guides")).includes("troubleshooting.md"));
  });
});
