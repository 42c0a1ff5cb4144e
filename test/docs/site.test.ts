// The whole docs site in headless Chromium, served on 127.0.0.1 with every other host blocked: the front page
// and every guide (guides/*.md), the two reference pages with the three code samples on every operation, no
// table code that breaks inside a word, no code block or diagram cut off without a scrollbar, no link that
// leads nowhere, no console error; a full-page screenshot of each page is kept.
// Every wait waits for the very state that is then asserted; nothing sleeps.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Page } from "playwright-core";
import type { CodeSample } from "../../scripts/lib/code-samples.js";
import { stateTable } from "../../scripts/docs/state-diagram.js";
import { skipWithoutChromium, startDocsInChromium, type DocsInChromium, type OpenedPage } from "./chromium.js";

const root = resolve(import.meta.dirname, "../..");
const guidePages = readdirSync(join(root, "guides"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `${basename(f, ".md")}.html`)
  .sort();
const referencePages = ["remote-rendering.html", "mixed-reality-sts.html"];

interface SampledOperation {
  id: string;
  summary: string;
  samples: CodeSample[];
}

/** The operations of a reference page and their samples, from the bundle the page is rendered from. */
function operationsOf(page: string): SampledOperation[] {
  const document = JSON.parse(readFileSync(join(root, "generated", page.replace(".html", ".json")), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[]; "x-codeSamples"?: CodeSample[] }>>;
  };
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item)
      .filter((op) => typeof op.operationId === "string")
      .map((op) => ({
        // Redoc 3's section id: <tag>/<operationid, lower-cased>.
        id: `${op.tags?.[0] ?? ""}/${(op.operationId ?? "").toLowerCase()}`,
        summary: op.summary ?? "",
        samples: op["x-codeSamples"] ?? [],
      })),
  );
}

/** The statuses of the "Session states" and "Conversion states" tables of the API description. */
function statusesOf(page: string): string[] {
  const document = JSON.parse(readFileSync(join(root, "generated", page.replace(".html", ".json")), "utf8")) as {
    info: { description: string };
  };
  const statuses = ["## Session states", "## Conversion states"].flatMap((heading) =>
    stateTable(document.info.description, heading).map((row) => row.state),
  );
  assert.ok(statuses.length >= 10, `the description's state tables list the statuses: ${statuses.join(", ")}`);
  return statuses;
}

// About 1 min on an idle machine and 2–3 under load (two Redoc pages of 2.5 MB, 27 samples chosen); the limit only
// stops a hang, each step fails on its own within the page's 30 s default.
describe("the docs site in Chromium", { skip: skipWithoutChromium, timeout: 600_000 }, () => {
  let docs: DocsInChromium | undefined;

  before(async () => {
    docs = await startDocsInChromium("arr-docs-site-");
  });

  after(async () => {
    await docs?.close();
  });

  function open(path: string): Promise<OpenedPage> {
    assert.ok(docs);
    return docs.open(path);
  }

  /** A full-page screenshot, named after the page. */
  async function screenshot(page: Page, path: string): Promise<void> {
    assert.ok(docs);
    await page.screenshot({ path: docs.screenshotPath(path.replace(".html", ".png")), fullPage: true });
  }

  /** Inline code in a table cell that the browser laid out on more than one line: a word broken in two. */
  function wrappedTableCode(page: Page): Promise<string[]> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll("table code"))
        .filter((code) => code.getClientRects().length > 1)
        .map((code) => (code.textContent ?? "").trim()),
    );
  }

  /** Code blocks, images and SVGs wider than the box that shows them, where that box cannot scroll. */
  function clipped(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      // (No named helpers in here: tsx would wrap them in a __name() the page does not have.)
      const found: string[] = [];
      const scrolling = ["auto", "scroll"];
      for (const el of Array.from(document.querySelectorAll("pre, img, svg"))) {
        if (el.closest("button")) continue; // icons
        if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && !scrolling.includes(getComputedStyle(el).overflowX)) {
          found.push(`${el.tagName.toLowerCase()} overflows without a scrollbar: ${(el.textContent ?? "").slice(0, 60)}`);
        }
        const box = el.getBoundingClientRect();
        // The nearest ancestor that clips: the element must fit in it, unless that ancestor scrolls.
        for (let a = el.parentElement; a; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX === "visible") continue;
          const outer = a.getBoundingClientRect();
          if (!scrolling.includes(style.overflowX) && (box.right > outer.right + 1 || box.left < outer.left - 1) && box.width > 0) {
            const what = el.tagName.toLowerCase() === "img" ? (el as HTMLImageElement).src.slice(0, 60) : (el.textContent ?? "").slice(0, 60);
            found.push(`${el.tagName.toLowerCase()} cut off by a ${a.tagName.toLowerCase()}: ${what}`);
          }
          break;
        }
      }
      return found;
    });
  }

  function imagesLoaded(page: Page): Promise<void> {
    return page
      .waitForFunction(() => Array.from(document.images).every((img) => img.complete))
      .then(() => undefined);
  }

  for (const path of guidePages) {
    test(`${path}: links resolve, table code keeps its words, nothing is cut off, no console errors`, async () => {
      assert.ok(docs);
      const { page, problems } = await open(path);
      await imagesLoaded(page);
      const broken = await page.evaluate(() =>
        Array.from(document.images).filter((img) => img.naturalWidth === 0).map((img) => img.getAttribute("src")),
      );
      assert.deepEqual(broken, [], "images that did not load");
      // Links: every one on the page, local ones fetched and their #anchors looked up in the target.
      const hrefs = await page.locator("main a[href], nav a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      assert.ok(hrefs.length > 0);
      const base = new URL(path, docs.url);
      for (const href of new Set(hrefs)) {
        const url: URL = new URL(href, base);
        if (url.origin !== base.origin) {
          assert.match(url.protocol, /^https:$/, `${href}: an outside link must be https`);
          continue; // the test is offline; outside links are not followed
        }
        const answer: Response = await fetch(url);
        assert.equal(answer.status, 200, `${path} links ${href}, which answers ${answer.status}`);
        const text = await answer.text();
        if (url.hash && !referencePages.some((p) => url.pathname.endsWith(p))) {
          const id = decodeURIComponent(url.hash.slice(1));
          assert.ok(text.includes(`id="${id}"`), `${path} links ${href}, but the target has no element with id "${id}"`);
        }
      }
      assert.deepEqual(await wrappedTableCode(page), [], "inline code in a table broken inside a word");
      assert.deepEqual(await clipped(page), []);
      await screenshot(page, path);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test("the front page links the install guide, both references and every guide", async (t) => {
    t.diagnostic(`full-page screenshots in ${docs?.shotsDir}`);
    const { page, problems } = await open("index.html");
    const hrefs = new Set(await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href"))));
    for (const target of [...referencePages, ...guidePages.filter((p) => p !== "index.html")]) {
      assert.ok(hrefs.has(target), `the front page links ${target}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const path of referencePages) {
    test(`${path}: every operation offers its TypeScript, arr and curl samples; tables and diagrams fit`, async () => {
      const { page, problems } = await open(path);
      const operations = operationsOf(path);
      for (const op of operations) {
        await page.evaluate((hash) => (window.location.hash = hash), `#/${op.id}`);
        const section = `[id="${op.id}"]`;
        await page.waitForFunction(
          ({ section, summary }) => document.querySelector(`${section} h2`)?.textContent?.trim() === summary,
          { section, summary: op.summary },
        );
        const labels = op.samples.map((s) => s.label);
        assert.deepEqual(labels, ["TypeScript", "arr", "curl"], op.id);
        const switcher = page.locator(`${section} .panel-request-samples [data-component-name="Dropdown/Dropdown"]`).last();
        // Redoc server-renders the section and hydrates it later: a click before React owns the button is lost.
        await page.waitForFunction((section) => {
          const buttons = document.querySelectorAll(`${section} .panel-request-samples [data-component-name="Dropdown/Dropdown"] > button`);
          const button = buttons[buttons.length - 1];
          return button !== undefined && Object.keys(button).some((key) => key.startsWith("__reactProps$"));
        }, section);
        for (const sample of op.samples) {
          // DOM clicks, not pointer clicks: where Redoc places the open menu (sometimes below the fold of a
          // section it is still scrolling to) is not what this test is about; which sample shows is.
          await switcher.locator("button").first().dispatchEvent("click");
          // The open menu is a portal at the end of the page; its items are the sample labels (the server menu's
          // items are whole server descriptions, so the exact label picks the right one).
          const item = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]', {
            hasText: new RegExp(`^\\s*${sample.label}\\s*$`),
          });
          await item.dispatchEvent("click");
          // The panel shows exactly this sample's code (the copy button's text aside).
          const lastLine = sample.source.trimEnd().split("\n").pop() ?? "";
          await page.waitForFunction(
            ({ section, label, lastLine }) => {
              const panel = document.querySelector(`${section} .panel-request-samples`);
              const button = panel?.querySelector('[data-component-name="Dropdown/Dropdown"]:last-of-type button');
              const code = panel?.querySelector('[data-component-name="CodeBlock/CodeBlockContainer"]') as HTMLElement | null;
              return button?.textContent?.trim() === label && (code?.innerText ?? "").includes(lastLine);
            },
            { section, label: sample.label, lastLine },
          );
        }
        const offered = await switcher.locator("button").first().textContent();
        assert.equal(offered?.trim(), "curl", `${op.id}: the last sample chosen is shown`);
        // Redoc renders the sections near the view only: judge each operation's code blocks while it is shown.
        assert.deepEqual(await clipped(page), [], `${op.id}: cut off`);
      }
      // The state tables are rendered (as many rows as the spec lists states) before their layout is judged.
      if (path === "remote-rendering.html") {
        await page.evaluate(() => (window.location.hash = ""));
        // Every status of the description's state tables shown as a badge, and the diagram loaded.
        const statuses = statusesOf(path);
        await page.waitForFunction((statuses) => {
          const img = document.querySelector('img[src="session-states.svg"]') as HTMLImageElement | null;
          const shown = new Set(Array.from(document.querySelectorAll("table code")).map((code) => code.textContent?.trim()));
          return img !== null && img.complete && img.naturalWidth > 0 && statuses.every((status) => shown.has(status));
        }, statuses);
      }
      await imagesLoaded(page);
      assert.deepEqual(await wrappedTableCode(page), [], "inline code in a table broken inside a word");
      assert.deepEqual(await clipped(page), []);
      await screenshot(page, path);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
