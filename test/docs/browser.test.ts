// The rendered API docs, opened in a real headless Chromium from a local server with the network cut off:
// every operation renders, the Create Session examples show, and the page neither errors nor leaves 127.0.0.1.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { constraints } from "../../generated/constraints.js";
import { redocHydrated, skipWithoutChromium, startDocsInChromium, stepMs, type DocsInChromium, type OpenedPage } from "./chromium.js";

const root = resolve(import.meta.dirname, "../..");

interface Operation {
  operationId: string;
  summary: string;
  requestExample?: Record<string, unknown>;
  createdExample?: Record<string, unknown>;
}

type Example = { value?: Record<string, unknown>; $ref?: string };
type Examples = Record<string, Example>;
interface SpecOperation {
  operationId: string;
  summary: string;
  requestBody?: { content: Record<string, { examples?: Examples }> };
  responses: Record<string, { content?: Record<string, { examples?: Examples }> }>;
}

interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation | unknown>>;
  components?: { examples?: Examples };
}

// The bundle keeps shared examples as $refs into components.examples.
function firstExample(document: SpecDocument, content: Record<string, { examples?: Examples }> | undefined) {
  const example = Object.values(Object.values(content ?? {})[0]?.examples ?? {})[0];
  const name = example?.$ref?.replace("#/components/examples/", "");
  return (name === undefined ? example : document.components?.examples?.[name])?.value;
}

// The bundled spec (kept fresh by check:generated) says what the page must show; nothing is restated here.
function operationsOf(spec: "remote-rendering" | "mixed-reality-sts"): Operation[] {
  const document = JSON.parse(readFileSync(join(root, "generated", `${spec}.json`), "utf8")) as SpecDocument;
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item)
      .filter((op): op is SpecOperation => typeof (op as SpecOperation).operationId === "string")
      .map((op) => {
        const requestExample = firstExample(document, op.requestBody?.content);
        const createdExample = firstExample(document, op.responses["201"]?.content);
        return {
          operationId: op.operationId,
          summary: op.summary,
          ...(requestExample && { requestExample }),
          ...(createdExample && { createdExample }),
        };
      }),
  );
}

// Runs in about 15 s alone, and up to 90 s on a loaded 2-core machine. The limit only catches a hang: how fast
// the page renders is not what this test asserts (that is the benchmarks' job).
const hangGuardMs = 300_000;

describe("rendered API docs in Chromium", { skip: skipWithoutChromium, timeout: hangGuardMs }, () => {
  let docs: DocsInChromium | undefined;

  before(async () => {
    docs = await startDocsInChromium("arr-docs-browser-");
  });

  after(async () => {
    await docs?.close();
  });

  /** Opens a page; a reference page only once React owns it (see redocHydrated), so clicks land. */
  async function open(path: string, height?: number): Promise<OpenedPage> {
    assert.ok(docs);
    const opened = await docs.open(path, { height });
    if (path.endsWith(".html")) await redocHydrated(opened.page);
    return opened;
  }

  function screenshotPath(file: string): string {
    assert.ok(docs);
    return docs.screenshotPath(file);
  }

  /** Expands every tag group of the sidebar and returns the hash links of the operations listed there. */
  async function operationLinks(page: Page): Promise<string[]> {
    const groups = page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group > a');
    for (const group of await groups.all()) await group.click();
    return page.locator('[data-component-name="Menu/MenuItem"] a[href^="#/"]').evaluateAll((links) =>
      links.map((link) => link.getAttribute("href") ?? ""),
    );
  }

  // Redoc shows a section's h2 before it fills in its text, and may re-render the section (or re-run its
  // scripts) while it settles after a navigation: a read in between sees no heading or an empty one, or fails
  // with a destroyed execution context. So read until the heading says what is asserted — the condition
  // itself, not a proxy such as "visible" — and report what it last said if it never does.
  async function headingWhenItReads(
    page: Page,
    sectionId: string,
    expected: string,
  ): Promise<{ text: string | undefined; lastError: string }> {
    let text: string | undefined;
    let lastError = "";
    for (const deadline = Date.now() + stepMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      try {
        text = await page.evaluate((id) => {
          const h2 = document.querySelector(`[data-item-kind="httpItem"][id="${id}"] h2`);
          return h2 instanceof HTMLElement ? h2.innerText.trim() : undefined;
        }, sectionId);
        lastError = "";
      } catch (error) {
        lastError = String(error);
      }
      if (text === expected) break;
    }
    return { text, lastError };
  }

  // Redoc 3 turns an operationId into a lower-cased slug (#/<tag>/<operationid>); match on that last segment.
  async function assertOperationRendered(page: Page, links: string[], op: Operation): Promise<void> {
    const href = links.find((link) => link.split("/").pop() === op.operationId.toLowerCase());
    assert.ok(href, `operationId ${op.operationId} is not linked from the sidebar (links: ${links.join(", ")})`);
    // Follow the link the way a deep link would: opening a group in the sidebar may close another.
    await page.evaluate((hash) => (window.location.hash = hash), href);
    const { text, lastError } = await headingWhenItReads(page, href.slice(2), op.summary);
    assert.equal(text, op.summary, `heading of ${op.operationId}${lastError ? ` (last read failed: ${lastError})` : ""}`);
  }

  test("every operationId of the ARR spec renders as its own section, with no console errors", async () => {
    const operations = operationsOf("remote-rendering");
    assert.deepEqual(operations.map((op) => op.operationId).sort(), Object.keys(constraints.operations).sort());
    const { page, problems } = await open("remote-rendering.html");
    const links = await operationLinks(page);
    for (const op of operations) await assertOperationRendered(page, links, op);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("Create Session shows its request example and the created session", async (t) => {
    const createSession = operationsOf("remote-rendering").find((op) => op.operationId === "createSession");
    assert.ok(createSession?.requestExample && createSession.createdExample);
    // A viewport tall enough for the whole operation, so the screenshot shows both samples next to the reference.
    const { page, problems } = await open("remote-rendering.html", 3200);
    const href = (await operationLinks(page)).find((link) => link.endsWith("/createsession"));
    assert.ok(href, "Create Session is linked from the sidebar");
    await page.evaluate((hash) => (window.location.hash = hash), href);
    const id = href.slice(2);
    const expected = [
      ...Object.entries(createSession.requestExample).map(([key, value]) => `"${key}": ${JSON.stringify(value)}`),
      JSON.stringify(createSession.createdExample["id"]),
    ];
    // Poll: Redoc re-renders the section while it settles after a navigation, so one read can catch it empty.
    let shown = "";
    for (const deadline = Date.now() + stepMs; Date.now() < deadline; await page.waitForTimeout(100)) {
      shown = await page.evaluate(
        (id) =>
          Array.from(document.getElementById(id)?.querySelectorAll('[data-component-name="CodeBlock/CodeBlockContainer"]') ?? [])
            .map((block) => (block as HTMLElement).innerText)
            .join("\n"),
        id,
      );
      if (expected.every((line) => shown.includes(line))) break;
    }
    for (const line of expected) assert.ok(shown.includes(line), `${line} in the samples:\n${shown}`);
    // A page screenshot, not an element one: Redoc may swap the section's node while it settles.
    await page.screenshot({ path: screenshotPath("create-session.png") });
    t.diagnostic(`screenshots in ${docs?.shotsDir}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the STS page renders getToken", async () => {
    const operations = operationsOf("mixed-reality-sts");
    assert.deepEqual(operations.map((op) => op.operationId), ["getToken"]);
    const { page, problems } = await open("mixed-reality-sts.html");
    const links = await operationLinks(page);
    for (const op of operations) await assertOperationRendered(page, links, op);
    await page.screenshot({ path: screenshotPath("sts-get-token.png") });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the index links both pages, and the pages link each other", async () => {
    const { page, problems } = await open("");
    const hrefs = await page.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    // The front page (test/docs/site.test.ts checks all of its links) links both reference pages.
    for (const href of ["remote-rendering.html", "mixed-reality-sts.html"]) assert.ok(hrefs.includes(href), href);
    await page.locator('main a[href="mixed-reality-sts.html"]').first().click();
    await page.waitForURL(/mixed-reality-sts\.html$/);
    assert.match(await page.title(), /Mixed Reality Secure Token Service/);
    await redocHydrated(page);
    await page.locator('#api-content a[href="remote-rendering.html"]').first().click();
    await page.waitForURL(/remote-rendering\.html$/);
    await redocHydrated(page);
    await page.locator('#api-content a[href="mixed-reality-sts.html"]').first().waitFor();
    await page.screenshot({ path: screenshotPath("remote-rendering-overview.png") });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
