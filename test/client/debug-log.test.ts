// Debug logging of the client (`logger` option, or ARR_LOG=debug): one line per attempt and per retry wait —
// method, path, status, MS-CV — and never a secret. Network failures explained in words (global fetch).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRemoteRenderingClient, isRemoteRenderingError } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { accountId, clientFor, fakeJwt, session, sessionPath } from "../support/arr-fixtures.js";

test("the logger option sees each attempt and retry wait, without a secret", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const lines: string[] = [];
  const { client } = clientFor(server, { logger: { debug: (m: string) => lines.push(m) } });
  server.enqueue("GET", sessionPath("s1"), { status: 503, headers: { "ms-cv": "cv-first.1" } }, { body: session("s1", "Ready"), headers: { "ms-cv": "cv-second.1" } });
  await client.sessions.get("s1");
  const path = sessionPath("s1");
  assert.equal(lines.length, 3, lines.join("\n"));
  assert.match(lines[0] ?? "", new RegExp(`^remote-rendering-client: GET ${path} → 503 in \\d+ ms \\(MS-CV cv-first\\.1\\)$`));
  assert.match(lines[1] ?? "", new RegExp(`^remote-rendering-client: retrying GET ${path} in 250 ms \\(attempt 2\\)$`));
  assert.match(lines[2] ?? "", new RegExp(`^remote-rendering-client: GET ${path} → 200 in \\d+ ms \\(MS-CV cv-second\\.1\\)$`));
  const token = fakeJwt(4102444800, "static");
  for (const line of lines) assert.ok(!line.includes(token) && !line.includes("api-version"), line);
});

test("console works as the logger as is; ARR_LOG=debug logs to stderr through console.error", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  server.always("GET", sessionPath("s1"), { body: session("s1", "Ready") });
  // Type check: console is a logger.
  clientFor(server, { logger: console });
  const original = console.error;
  const seen: string[] = [];
  const before = process.env["ARR_LOG"];
  process.env["ARR_LOG"] = "debug";
  console.error = (...args: unknown[]) => void seen.push(args.map(String).join(" "));
  try {
    await clientFor(server).client.sessions.get("s1");
  } finally {
    console.error = original;
    if (before === undefined) delete process.env["ARR_LOG"];
    else process.env["ARR_LOG"] = before;
  }
  assert.equal(seen.length, 1, seen.join("\n"));
  assert.match(seen[0] ?? "", /^remote-rendering-client: GET \/accounts\/\S+\/sessions\/s1 → 200 in \d+ ms$/);
});

test("https to a plain-http server (global fetch): the error says the server speaks plain http", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const endpoint = server.url.replace("http://", "https://");
  const client = createRemoteRenderingClient({ endpoint, accountId, credential: { accessToken: fakeJwt(4102444800) }, retry: false });
  const error = await client.sessions.get("s1").catch((e: unknown) => e);
  assert.ok(isRemoteRenderingError(error, 0), String(error));
  assert.equal(error.code, "NetworkError");
  assert.match(error.message, /speaks plain http, not https/);
});
