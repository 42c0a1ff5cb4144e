// `npm run build` (and `prepare`): the package's dist/.
//   1. tsc writes the declarations (.d.ts) for every module, as before: the public types are unchanged.
//   2. esbuild bundles the JavaScript of the package's entry points (the `exports` targets and the `arr` bin),
//      with code splitting so the entries share one copy of every module (one RemoteRenderingError class,
//      whichever subpath it is imported from). Dependencies stay external (installed next to the package).
// Why bundle: Node loads an ES module graph file by file, and the ~50 small modules behind the main entry cost
// more to resolve and load than to run — importing the package took ~1.7× `node -e 0`, bundled ~1.2×.
// Usage: tsx scripts/build.ts [--out-dir <dir>] (default dist/).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

/** Entry points, as src/ paths; their bundles land at the same paths under <out-dir>/ (dist/src/index.js, …). */
export const entryPoints = ["src/index.ts", "src/index.browser.ts", "src/emulator/index.ts", "src/storage/index.ts", "src/cli/main.ts"] as const;

/** Bundles the entry points' JavaScript into `outDir` (step 2). */
export async function bundleEntries(outDir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [...entryPoints],
    outdir: outDir,
    outbase: root,
    entryNames: "[dir]/[name]",
    chunkNames: "src/chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    // Node built-ins are external on this platform; the browser entry reaches none of them (test/package).
    platform: "node",
    target: "node20.19",
    packages: "external",
    logLevel: "warning",
  });
}

/** The whole dist/: declarations, then bundles. */
export async function buildPackage(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", outDir], { cwd: root, stdio: "inherit" });
  await bundleEntries(outDir);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { "out-dir": { type: "string" } } });
  await buildPackage(resolve(root, values["out-dir"] ?? "dist"));
}
