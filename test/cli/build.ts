// The CLI as plain JavaScript for the child processes of these tests: every file of src/ and generated/
// transpiled one to one with esbuild (what tsx does on the fly, minus its per-process loader start-up, which
// would cost ~0.5 s of CPU per `arr` run) into a private folder under .tmp/. Same modules, same lazy imports.
import { build } from "esbuild";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

let built: Promise<string> | undefined;

/** Transpiles once per test process; resolves to the path of the built `main.js`. */
export function builtCli(): Promise<string> {
  built ??= (async () => {
    const outdir = join(root, ".tmp", "cli-test-build", String(process.pid));
    rmSync(outdir, { recursive: true, force: true });
    const entryPoints = [
      ...filesUnder("src", (n) => n.endsWith(".ts") && !n.endsWith(".d.ts")),
      ...filesUnder("generated", (n) => n.endsWith(".ts")),
    ].map((file) => join(root, file));
    await build({ entryPoints, outdir, outbase: root, bundle: false, format: "esm", platform: "node", target: "node20.19", logLevel: "error" });
    for (const file of filesUnder("generated", (n) => n.endsWith(".json"))) copyFileSync(join(root, file), join(outdir, file));
    // main.js finds its version two folders up, as it does in src/cli.
    copyFileSync(join(root, "package.json"), join(outdir, "package.json"));
    process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
    return join(outdir, "src", "cli", "main.js");
  })();
  return built;
}
