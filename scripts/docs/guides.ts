// Renders the Markdown guides in guides/ (and the front page, guides/index.md) into the site with marked.
// A guide marks where generated content goes with an HTML comment, `<!-- generated: name -->`; the parts come
// from the code itself (the CLI's command table, the emulator's flags, the error codes, the spec's states), so
// they cannot drift from what the program does.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Marked } from "marked";
import { cliReferenceHtml, commandBlockHtml, emulatorOptionsHtml } from "./cli-reference.js";
import { errorCodes } from "./error-codes.js";
import { nav, page } from "./layout.js";

const root = resolve(import.meta.dirname, "../..");
export const guidesDir = join(root, "guides");

/** The anchor of a heading: its text, lower-cased, with anything but letters and digits as single hyphens. */
export function slug(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&[#\w]+;/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function errorCodesHtml(): string {
  const rows = errorCodes().map(
    (c) =>
      `<tr data-code="${c.code}"><td><a href="#${slug(c.code)}"><code>${c.code}</code></a></td>` +
      `<td>${c.statuses.join(", ") || "–"}</td><td>${c.sources.join(", ")}</td></tr>`,
  );
  return `<table class="codes"><thead><tr><th>code</th><th>HTTP status</th><th>produced by</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

const generators: Readonly<Record<string, () => string>> = {
  "cli-reference": cliReferenceHtml,
  "emulator-options": emulatorOptionsHtml,
  "error-codes": errorCodesHtml,
  // `arr convert` (upload, convert, wait, in one command) appears in the guide once the CLI has it.
  "convert-command": () => commandBlockHtml(["convert"], "Upload and convert in one command: arr convert"),
};

function markedInstance(): Marked {
  const instance = new Marked({ gfm: true });
  instance.use({
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(html)}">${html}</h${depth}>\n`;
      },
    },
  });
  return instance;
}

/** Markdown to the HTML of a page body, generated parts filled in. Throws on a marker nothing generates. */
export function renderGuide(markdown: string, name: string): { title: string; body: string } {
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.replace(/`/g, "") ?? name;
  let html = markedInstance().parse(markdown, { async: false });
  html = html.replace(/<!-- generated: ([\w-]+) -->/g, (_, part: string) => {
    const generate = generators[part];
    if (!generate) throw new Error(`guides/${name}.md: nothing generates "${part}"`);
    return generate();
  });
  // Wide tables scroll inside their box rather than pushing the page sideways.
  html = html.replace(/<table/g, `<div class="table-scroll"><table`).replace(/<\/table>/g, "</table></div>");
  return { title, body: html };
}

/** Writes every guide (guides/<name>.md becomes <outDir>/<name>.html); returns the files written. */
export function buildGuides(outDir: string, siteTitle: string): string[] {
  const names = readdirSync(guidesDir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => basename(file, ".md"));
  for (const item of nav) {
    const name = basename(item.href, ".html");
    const isReference = item.href === "remote-rendering.html" || item.href === "mixed-reality-sts.html";
    if (!isReference && !names.includes(name)) throw new Error(`docs: the sidebar links ${item.href}, but guides/${name}.md is missing`);
  }
  return names.map((name) => {
    const { title, body } = renderGuide(readFileSync(join(guidesDir, `${name}.md`), "utf8"), name);
    const file = join(outDir, `${name}.html`);
    writeFileSync(file, page({ title, current: `${name}.html`, body, siteTitle }));
    return file;
  });
}
