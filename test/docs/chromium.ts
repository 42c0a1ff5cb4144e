// The built docs site served on 127.0.0.1 (port 0) and opened in headless Chromium, as the docs browser tests
// use it: every request to another host blocked and recorded, console and page errors collected. No step has a
// budget of its own: each waits up to Playwright's default for its condition, so how fast a loaded machine
// renders is never what a test asserts (a 5 s budget once did, and failed under load).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildDocs } from "../../scripts/docs.js";
import { serveDocs, type DocsServer } from "../../scripts/docs-serve.js";

const chromiumPath = "/usr/bin/chromium";
const installHint = "apt-get install -y chromium";
const hasChromium = existsSync(chromiumPath);

/** The `skip` of a describe that needs Chromium: a developer machine without it skips; CI must run it, so there a missing browser is a failure. */
export const skipWithoutChromium: string | false = hasChromium || process.env.CI ? false : `${chromiumPath} not found; to run this test: ${installHint}`;

/** How long one step waits for its condition before the test reports what it saw instead (Playwright's default). */
export const stepMs = 30_000;

const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface OpenedPage {
  readonly page: Page;
  /** Requests to other hosts, console errors and page errors, as they happen. */
  readonly problems: string[];
}

export interface DocsInChromium {
  /** Where the server serves the site. */
  readonly url: string;
  /** The folder of the screenshots; it stays after `close()` for a human to look at. */
  readonly shotsDir: string;
  /** Where to save a screenshot named `file` (in `shotsDir`). */
  screenshotPath(file: string): string;
  /** Opens a page of the site (a path relative to its root) in a viewport 1400 wide, after its "load" event. */
  open(path: string, options?: { height?: number | undefined }): Promise<OpenedPage>;
  /** Closes the browser and the server, and removes the built site. */
  close(): Promise<void>;
}

/** Builds the docs into a new temporary folder, serves them and launches Chromium (the two side by side). */
export async function startDocsInChromium(tempPrefix: string): Promise<DocsInChromium> {
  assert.ok(hasChromium, `CI is set but ${chromiumPath} is missing: ${installHint}`);
  const workDir = mkdtempSync(join(tmpdir(), tempPrefix));
  const shotsDir = join(workDir, "screenshots");
  mkdirSync(shotsDir);
  const site = join(workDir, "site");
  await buildDocs(site);
  const [serving, launching] = await Promise.allSettled([
    serveDocs({ dir: site, port: 0 }),
    chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs }),
  ]);
  if (serving.status === "rejected" || launching.status === "rejected") {
    // The one that started is stopped, so a failed start leaves nothing running.
    await Promise.allSettled([
      serving.status === "fulfilled" ? serving.value.close() : undefined,
      launching.status === "fulfilled" ? launching.value.close() : undefined,
    ]);
    rmSync(site, { recursive: true, force: true });
    throw serving.status === "rejected" ? serving.reason : (launching as PromiseRejectedResult).reason;
  }
  const served: DocsServer = serving.value;
  const launched: Browser = launching.value;
  const local = new URL(served.url).host;

  const open: DocsInChromium["open"] = async (path, { height = 1000 } = {}) => {
    const page = await launched.newPage({ viewport: { width: 1400, height } });
    page.setDefaultTimeout(stepMs);
    const problems: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("data:") || new URL(url).host === local) return route.continue();
      problems.push(`request to another host: ${url}`);
      return route.abort("blockedbyclient");
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.goto(new URL(path, served.url).href, { waitUntil: "load" });
    return { page, problems };
  };

  const close = async () => {
    await launched.close();
    await served.close();
    // The site (about 5 MB) is rebuilt on every run; the screenshots stay.
    rmSync(site, { recursive: true, force: true });
  };
  return { url: served.url, shotsDir, screenshotPath: (file) => join(shotsDir, file), open, close };
}

/**
 * Waits until React owns the Redoc sidebar. Redoc server-renders a reference page and hydrates it some time
 * after "load"; a click before that follows the raw href ("/sessions") off the page. React marks an element it
 * has hydrated with a __reactProps$ key.
 */
export async function redocHydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      // Every sidebar link, not the first: React may hydrate a large tree in slices.
      const links = Array.from(document.querySelectorAll('#redoc [data-component-name="Menu/MenuItem"] a'));
      return links.length > 0 && links.every((link) => Object.keys(link).some((key) => key.startsWith("__reactProps$")));
    },
    undefined,
    { timeout: stepMs },
  );
}
