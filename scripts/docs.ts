// Renders both specs into a self-contained static site: one Redoc page per spec plus an index linking them.
// Usage: tsx scripts/docs.ts [outDir]   (outDir defaults to docs/, which is git-ignored build output)
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");
const execFileAsync = promisify(execFile);

/** The rendered pages, by spec file name (spec/<name>.yaml becomes <outDir>/<name>.html). */
export const docPages = ["remote-rendering", "mixed-reality-sts"] as const;
export type DocPage = (typeof docPages)[number];

interface SpecInfo {
  title: string;
  version: string;
}

// The bundled JSON in generated/ is kept fresh by check:generated, so it is a cheap, parser-free source of titles.
function specInfo(name: DocPage): SpecInfo {
  const document = JSON.parse(readFileSync(join(root, "generated", `${name}.json`), "utf8")) as { info: SpecInfo };
  return document.info;
}

// Redoc 3 draws its "API docs by Redocly" badge with an <img> from cdn.redoc.ly even when the bundle is inlined.
// A local SVG wordmark keeps the attribution and the page offline.
const cdnLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const localLogo =
  "data:image/svg+xml," +
  encodeURIComponent(
    // textLength pins the word to the box whatever the local font's metrics, so it is never clipped.
    `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="12" viewBox="0 0 48 12">` +
      `<text x="0" y="10" textLength="47" lengthAdjust="spacingAndGlyphs" font-family="system-ui,sans-serif" ` +
      `font-size="11" font-weight="600" fill="#0044d4">Redocly</text></svg>`,
  );
// The bundle also names cdn.redocly.com icon sets, fetched only for icons a spec never uses here; the browser
// test (test/docs/browser.test.ts) fails on any request that leaves 127.0.0.1, so a new fetch cannot slip in.
function makeOffline(html: string): string {
  return html.replace(cdnLogo, localLogo);
}

async function renderPage(name: DocPage, outDir: string): Promise<string> {
  const output = join(outDir, `${name}.html`);
  // --inlineBundle embeds the Redoc script; without it the page loads it from cdn.redocly.com and is blank offline.
  // Redocly CLI 2.x removed --disableGoogleFont (and rejects it): its pages no longer load Google Fonts at all.
  await execFileAsync(redocly, ["build-docs", `spec/${name}.yaml`, "--inlineBundle", "-o", output], {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    maxBuffer: 16 * 1024 * 1024,
  });
  writeFileSync(output, makeOffline(readFileSync(output, "utf8")));
  return output;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function indexHtml(): string {
  const items = docPages
    .map((name) => {
      const { title, version } = specInfo(name);
      return `      <li><a href="${name}.html">${escapeHtml(title)}</a> <small>${escapeHtml(version)}</small></li>`;
    })
    .join("\n");
  // System fonts and inline CSS only: the site must open from a file or a local server without any network.
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>remote-rendering-client — API reference</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
    small { color: #666; }
  </style>
</head>
<body>
  <h1>API reference</h1>
  <p>Rendered from the OpenAPI descriptions in <code>spec/</code> of <code>remote-rendering-client</code>.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}

/** Builds the docs site into outDir and returns the files written (index.html first). */
export async function buildDocs(outDir: string = join(root, "docs")): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const pages = await Promise.all(docPages.map((name) => renderPage(name, outDir)));
  const index = join(outDir, "index.html");
  writeFileSync(index, indexHtml());
  return [index, ...pages];
}

if (import.meta.filename === process.argv[1]) {
  const outDir = resolve(process.argv[2] ?? join(root, "docs"));
  const written = await buildDocs(outDir);
  console.log(`built ${written.length} pages in ${outDir}:\n${written.map((f) => `  ${f}`).join("\n")}`);
}
