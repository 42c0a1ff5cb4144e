// Renders the site: one Redoc page per spec (from the bundles in generated/, which carry the code samples), the
// session state diagram drawn from the spec, and the front page and guides from guides/*.md. Self-contained.
// Usage: tsx scripts/docs.ts [outDir]   (outDir defaults to docs/, which is git-ignored build output)
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { buildGuides } from "./docs/guides.js";
import { checkStates, stateDiagramSvg, stateTable } from "./docs/state-diagram.js";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");
const execFileAsync = promisify(execFile);

/** The rendered pages, by spec file name (spec/<name>.yaml becomes <outDir>/<name>.html). */
export const docPages = ["remote-rendering", "mixed-reality-sts"] as const;
export type DocPage = (typeof docPages)[number];

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

// Redoc lets a narrow table column break a status badge inside the word ("Starti ng"): a status, a flag or a
// code in a table is one word, so it keeps its line, and a table too wide for its column scrolls.
const redocStyle = `<style>
  td code, th code { white-space: nowrap; }
  [data-component-name="Markdown/Markdown"] table { display: block; overflow-x: auto; }
  [data-component-name="Markdown/Markdown"] img { max-width: 100%; height: auto; }
</style>`;

// The sidebar's top shows a home link back to the front page, as an x-logo (the one place Redoc lets a spec
// put a link there); an SVG wordmark, inline, like the rest of the page.
const homeLogo = {
  url:
    "data:image/svg+xml," +
    encodeURIComponent(
      `<svg xmlns="http://www.w3.org/2000/svg" width="220" height="28" viewBox="0 0 220 28">` +
        `<text x="0" y="20" textLength="218" lengthAdjust="spacingAndGlyphs" font-family="system-ui,sans-serif" ` +
        `font-size="16" font-weight="700" fill="#22242b">← remote-rendering-client</text></svg>`,
    ),
  href: "index.html",
  altText: "remote-rendering-client docs home",
};

async function renderPage(name: DocPage, outDir: string, workDir: string): Promise<string> {
  const output = join(outDir, `${name}.html`);
  const document = JSON.parse(readFileSync(join(root, "generated", `${name}.json`), "utf8")) as { info: Record<string, unknown> };
  document.info["x-logo"] = homeLogo;
  const input = join(workDir, `${name}.json`);
  writeFileSync(input, JSON.stringify(document));
  // --inlineBundle embeds the Redoc script; without it the page loads it from cdn.redocly.com and is blank offline.
  // Redocly CLI 2.x removed --disableGoogleFont (and rejects it): its pages no longer load Google Fonts at all.
  await execFileAsync(redocly, ["build-docs", input, "--inlineBundle", "-o", output], {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    maxBuffer: 16 * 1024 * 1024,
  });
  writeFileSync(output, makeOffline(readFileSync(output, "utf8")).replace("</head>", `${redocStyle}\n</head>`));
  return output;
}

interface StatesDocument {
  info: { description?: string };
  components?: { schemas?: Record<string, unknown> };
}

/** The string values an enum schema names, also when it is an open enum (anyOf an enum and a plain string). */
function enumValues(schema: unknown): string[] {
  if (schema === null || typeof schema !== "object") return [];
  const node = schema as { enum?: unknown[]; anyOf?: unknown[]; oneOf?: unknown[] };
  const own = (node.enum ?? []).filter((value): value is string => typeof value === "string");
  return [...own, ...[...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap(enumValues)];
}

/** session-states.svg, drawn from the "Session states" table and checked against the session_status enum. */
function writeStateDiagram(outDir: string): string {
  const document = JSON.parse(readFileSync(join(root, "generated", "remote-rendering.json"), "utf8")) as StatesDocument;
  const rows = stateTable(document.info.description ?? "", "## Session states");
  checkStates(rows, enumValues(document.components?.schemas?.["session_status"]));
  const file = join(outDir, "session-states.svg");
  writeFileSync(file, stateDiagramSvg(rows, "PUT", "The states of a rendering session"));
  return file;
}

/** The site's name in the sidebar and the titles: the package's name. */
export const siteTitle = "remote-rendering-client";

/** Builds the docs site into outDir and returns the files written (index.html first). */
export async function buildDocs(outDir: string = join(root, "docs")): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "arr-docs-"));
  try {
    const guides = buildGuides(outDir, siteTitle);
    const diagram = writeStateDiagram(outDir);
    const pages = await Promise.all(docPages.map((name) => renderPage(name, outDir, workDir)));
    const index = join(outDir, "index.html");
    return [index, ...guides.filter((file) => file !== index), diagram, ...pages];
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const outDir = resolve(process.argv[2] ?? join(root, "docs"));
  const written = await buildDocs(outDir);
  console.log(`built ${written.length} pages in ${outDir}:\n${written.map((f) => `  ${f}`).join("\n")}`);
}
