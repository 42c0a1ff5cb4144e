// The docs server: serves files of its folder only, on 127.0.0.1, and nothing outside the folder.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDocs, type DocsServer } from "../../scripts/docs-serve.js";

let workDir = "";
let server: DocsServer;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), "arr-docs-serve-"));
  const site = join(workDir, "site");
  mkdirSync(join(site, "sub"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<h1>index</h1>");
  writeFileSync(join(site, "sub", "index.html"), "<h1>sub</h1>");
  writeFileSync(join(site, "page one.html"), "<p>one</p>");
  // A file right next to the site: a traversal that works would reach it.
  writeFileSync(join(workDir, "secret.txt"), "secret");
  writeFileSync(join(workDir, "site-secret.txt"), "secret");
  server = await serveDocs({ dir: site, port: 0 });
});

after(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

// Raw requests: fetch() would normalise "../" away before the server sees it.
function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject).end();
  });
}

test("listens on 127.0.0.1 with the port the OS picked", () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(new URL(server.url).port, "0");
});

test("serves index.html for a folder and files by (escaped) name, as HTML", async () => {
  assert.deepEqual(await get("/"), { status: 200, type: "text/html; charset=utf-8", body: "<h1>index</h1>" });
  assert.equal((await get("/sub/")).body, "<h1>sub</h1>");
  assert.equal((await get("/sub")).body, "<h1>sub</h1>");
  assert.equal((await get("/page%20one.html?x=1")).body, "<p>one</p>");
  assert.equal((await get("/index.html", "HEAD")).status, 200);
});

test("answers 404 for anything outside the folder, however it is spelled", async () => {
  for (const path of [
    "/../secret.txt",
    "/sub/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/../site-secret.txt",
    "/%00",
    "/%E0%A4%A",
    "/missing.html",
  ]) {
    const { status, body } = await get(path);
    assert.equal(status, 404, path);
    assert.doesNotMatch(body, /secret/, path);
  }
});

test("answers 405 to anything but GET and HEAD", async () => {
  assert.equal((await get("/", "POST")).status, 405);
});
