// Type-checks TypeScript snippets from the docs as ES modules that import the package by its published names
// ("remote-rendering-client", "remote-rendering-client/emulator"), mapped to the source, with the repository's
// strict compiler options. One program for all snippets: loading the package's types once is most of the cost.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "../..");

/** Returns the diagnostics as `<name>.mts: message` lines; empty when every snippet compiles. */
export function typeCheck(sources: Readonly<Record<string, string>>): string[] {
  const dir = join(root, ".tmp", `docs-snippets-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = Object.entries(sources).map(([name, text]) => {
      const file = join(dir, `${name}.mts`);
      writeFileSync(file, text);
      return file;
    });
    const config = ts.readConfigFile(join(root, "tsconfig.json"), (path) => ts.sys.readFile(path));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, {
      ...options,
      noEmit: true,
      paths: {
        "remote-rendering-client": [join(root, "src", "index.ts")],
        "remote-rendering-client/emulator": [join(root, "src", "emulator", "index.ts")],
      },
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? d.file.fileName.slice(dir.length + 1) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
