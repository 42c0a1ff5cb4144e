// Every symbol src/index.ts exports (itself, and through src/public-api.ts, which it re-exports whole), and
// every member of its exported interfaces and classes, has a TSDoc comment. Read syntactically (no type
// checker), so it stays fast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";

const src = resolve(import.meta.dirname, "../../src");

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

const hasDoc = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;

type Named = ts.Declaration & { name?: ts.Node };

function declarationsOf(file: ts.SourceFile, name: string): Named[] {
  const found: Named[] = [];
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === name) found.push(statement as unknown as Named);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
      statement.name?.text === name
    )
      found.push(statement);
  }
  return found;
}

test("every export of src/index.ts and each of its members is documented", () => {
  const entries = [parse(resolve(src, "index.ts")), parse(resolve(src, "public-api.ts"))];
  // The entry re-exports public-api.ts whole; anything else exported with `export *` would go unchecked.
  const starred = entries.flatMap((file) =>
    file.statements.filter((s) => ts.isExportDeclaration(s) && !s.exportClause).map((s) => (s as ts.ExportDeclaration).moduleSpecifier?.getText(file)),
  );
  assert.deepEqual(starred, ['"./public-api.js"']);
  const missing: string[] = [];
  let count = 0;
  for (const index of entries)
  for (const statement of index.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    const target = resolve(dirname(index.fileName), (statement.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, ".ts"));
    const file = parse(target);
    for (const element of statement.exportClause.elements) {
      const name = (element.propertyName ?? element.name).text;
      count++;
      const declarations = declarationsOf(file, name);
      if (declarations.length === 0) {
        missing.push(`${name} (not declared in ${target})`);
        continue;
      }
      // Overloads: the first signature carries the documentation.
      if (!hasDoc(declarations[0] as ts.Node)) missing.push(name);
      for (const declaration of declarations) {
        if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
        for (const member of declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
          if (ts.isIndexSignatureDeclaration(member) || !member.name) continue;
          if (!hasDoc(member)) missing.push(`${name}.${member.name.getText(file)}`);
        }
      }
    }
  }
  assert.ok(count > 30, `only ${count} exports found`);
  assert.deepEqual(missing, [], `undocumented: ${missing.join(", ")}`);
});
