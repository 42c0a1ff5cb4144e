// The page shell of the front page and the guides: the same system fonts, sizes, greys and sidebar width as the
// Redoc reference pages (Redocly 2.x's defaults), so moving between a guide and the reference feels like one site.
// Inline CSS, no scripts, no fonts from anywhere: the site works offline and from file://.

export interface NavItem {
  readonly href: string;
  readonly title: string;
}

/** The sidebar, in reading order. The reference pages are Redoc's; the rest are the guides. */
export const nav: readonly NavItem[] = [
  { href: "index.html", title: "Home" },
  { href: "getting-started.html", title: "Install and first call" },
  { href: "remote-rendering.html", title: "API reference" },
  { href: "mixed-reality-sts.html", title: "STS reference" },
  { href: "cli.html", title: "CLI reference" },
  { href: "emulator.html", title: "The local emulator" },
  { href: "sessions.html", title: "Session lifecycle" },
  { href: "conversions.html", title: "Converting models" },
  { href: "troubleshooting.html", title: "Troubleshooting" },
];

const css = `
:root {
  --font: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, Menlo, Monaco, "Cascadia Mono", "Segoe UI Mono", "Roboto Mono", Consolas, monospace;
  --text: #22242b; --muted: #5c6170; --border: #e4e5e9; --layer: #fbfbfc; --code-bg: #f2f3f5; --link: #3b4fd6;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/22px var(--font); color: var(--text); background: #fff; }
.shell { display: flex; min-height: 100vh; }
nav.sidebar { flex: 0 0 285px; background: var(--layer); border-right: 1px solid var(--border); padding: 24px 0; }
nav.sidebar .brand { display: block; padding: 0 24px 16px; font-weight: 700; font-size: 16px; color: var(--text); text-decoration: none; }
nav.sidebar ul { list-style: none; margin: 0; padding: 0; }
nav.sidebar a.item { display: block; padding: 6px 24px; color: var(--text); text-decoration: none; }
nav.sidebar a.item:hover { background: #f0f1f4; }
nav.sidebar a.item[aria-current="page"] { font-weight: 600; color: var(--link); background: #eef0fb; }
main { flex: 1 1 auto; min-width: 0; max-width: 960px; padding: 32px 48px 64px; }
h1 { font-size: 32px; line-height: 40px; margin: 0 0 16px; }
h2 { font-size: 22px; line-height: 30px; margin: 40px 0 12px; padding-top: 8px; border-top: 1px solid var(--border); }
h3 { font-size: 17px; line-height: 24px; margin: 28px 0 8px; }
a { color: var(--link); }
code { font-family: var(--mono); font-size: 13px; background: var(--code-bg); padding: 1px 4px; border-radius: 4px; }
pre { background: #1e1f25; color: #e9eaee; padding: 14px 16px; border-radius: 6px; overflow-x: auto; line-height: 20px; }
pre code { background: none; padding: 0; color: inherit; white-space: pre; }
.table-scroll { overflow-x: auto; margin: 12px 0; }
table { border-collapse: collapse; min-width: 60%; }
th, td { border: 1px solid var(--border); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: var(--layer); }
/* A status, a flag or a code is one word: never break it across lines. */
td code, th code, td.flag { white-space: nowrap; }
td small { color: var(--muted); }
var { font-family: var(--mono); font-size: 13px; font-style: normal; color: var(--muted); }
img.diagram, main img { max-width: 100%; height: auto; }
.lead { font-size: 16px; line-height: 26px; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; margin: 16px 0; }
.cards a { display: block; border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; text-decoration: none; color: var(--text); }
.cards a:hover { border-color: var(--link); }
.cards strong { display: block; color: var(--link); margin-bottom: 4px; }
`;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A whole page: sidebar with `current` marked, then the body HTML. */
export function page(options: { title: string; current: string; body: string; siteTitle: string }): string {
  const items = nav
    .map((item) => {
      const current = item.href === options.current ? ` aria-current="page"` : "";
      return `      <li><a class="item" href="${item.href}"${current}>${escape(item.title)}</a></li>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(options.title)} — ${escape(options.siteTitle)}</title>
  <link rel="icon" href="data:,">
  <style>${css}</style>
</head>
<body>
<div class="shell">
  <nav class="sidebar" aria-label="Site">
    <a class="brand" href="index.html">${escape(options.siteTitle)}</a>
    <ul>
${items}
    </ul>
  </nav>
  <main>
${options.body}
  </main>
</div>
</body>
</html>
`;
}
