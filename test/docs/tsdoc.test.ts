// Every symbol the emulator subpath exports carries a TSDoc comment for editors. (The main entry, members
// included, is checked by test/client/tsdoc.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "../..");
const entries = ["src/emulator/index.ts"].map((p) => resolve(root, p));

/** Names of exported symbols of `entry` whose declarations have no documentation comment. */
export function undocumentedExports(program: ts.Program, entry: string): { exported: string[]; undocumented: string[] } {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  assert.ok(source, `${entry} is not part of the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol, `${entry} has no module symbol`);
  const exported: string[] = [];
  const undocumented: string[] = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    exported.push(symbol.name);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const documented =
      target.getDocumentationComment(checker).length > 0 ||
      (target.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    if (!documented) undocumented.push(symbol.name);
  }
  return { exported, undocumented };
}

test("every export of remote-rendering-client/emulator has a TSDoc comment", () => {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    resolveJsonModule: true,
    noEmit: true,
    skipLibCheck: true,
  });
  for (const entry of entries) {
    const { exported, undocumented } = undocumentedExports(program, entry);
    assert.ok(exported.length > 0, `${entry} exports nothing`);
    assert.deepEqual(undocumented, [], `${entry}: exports without a TSDoc comment`);
  }
});

test("the check notices an export without a comment", () => {
  const host = ts.createCompilerHost({});
  const file = resolve(root, "virtual-entry.ts");
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === file
      ? ts.createSourceFile(name, "/** Documented. */\nexport const a = 1;\nexport function b() {}\n", version)
      : original(name, version);
  const program = ts.createProgram([file], { noEmit: true }, host);
  const { exported, undocumented } = undocumentedExports(program, file);
  assert.deepEqual(exported.sort(), ["a", "b"]);
  assert.deepEqual(undocumented, ["b"]);
});
