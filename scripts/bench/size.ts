// Size: each client bundled for the browser with esbuild (minified), measured gzipped.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** Entry points as a browser app would write them: import what it uses, keep it alive by exporting it. */
export const sizeEntries = {
  // Through the package's own `exports` (a self-reference, resolved with the browser condition), as an app
  // that installed it would: the built dist/ behind the `browser` entry.
  ours: `import { createRemoteRenderingClient, isRemoteRenderingError } from "remote-rendering-client";\nexport { createRemoteRenderingClient, isRemoteRenderingError };`,
  openapiFetch: `import createClient from "openapi-fetch";\nexport { createClient };`,
  azureStack:
    `import { ServiceClient } from "@azure/core-client";\n` +
    `import { createPipelineFromOptions, bearerTokenAuthenticationPolicy } from "@azure/core-rest-pipeline";\n` +
    `import { createHttpPoller } from "@azure/core-lro";\n` +
    `export { ServiceClient, createPipelineFromOptions, bearerTokenAuthenticationPolicy, createHttpPoller };`,
} as const;

export async function gzippedBundleBytes(source: string): Promise<number> {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["browser"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]!.contents;
  return gzipSync(code, { level: 9 }).length;
}
