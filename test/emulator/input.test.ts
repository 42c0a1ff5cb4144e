// Bad input: malformed JSON, wrong content type, oversized bodies, invalid UTF-8, broken HTTP, unknown
// routes. Each gets a 4xx with an error_response and MS-CV, never a 5xx, and the server keeps serving.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import { ACCOUNT, API, reply, assertConforms, sessionBody, startHarness, type Reply, type Harness } from "./support.js";

let h: Harness;
let token: string;
before(async () => {
  h = await startHarness();
  token = await h.token();
});
after(() => h.close());

const sessionUrl = (id: string) => `${h.url}/accounts/${ACCOUNT}/sessions/${id}?${API}`;
const put = (id: string, body: BodyInit, contentType: string | null = "application/json") =>
  fetch(sessionUrl(id), {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, ...(contentType === null ? {} : { "Content-Type": contentType }) },
    body,
    duplex: "half",
  } as RequestInit).then(reply);

function errorCode(a: Reply): string {
  assert.ok(a.headers.get("ms-cv"));
  return (a.body as { error: { code: string } }).error.code;
}

/** Sends raw bytes and returns the raw answer text (the server closes or we stop after one answer). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(h.url);
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(bytes));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

test("malformed JSON, invalid UTF-8, an empty body and a non-object → 400 error_response", async () => {
  for (const body of ['{"maxLeaseTimeMinutes": 5,', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), "[]", "null", "1e400"]) {
    const a = await put("bad-json", body);
    assert.equal(a.status, 400, String(body));
    assert.equal(errorCode(a), "BadRequest");
    assertConforms("createSession", a);
  }
  const empty = await fetch(sessionUrl("bad-json"), { method: "PUT", headers: { Authorization: `Bearer ${token}` } }).then(reply);
  assert.equal(empty.status, 400);
  assertConforms("createSession", empty);
  assert.equal((await h.call("GET", "/sessions/bad-json")).status, 404, "nothing was created");
});

test("a wrong content type on a body → 415; :stop needs no body nor content type", async () => {
  // With no type given, fetch labels a string body text/plain.
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", null]) {
    const a = await put("ct", JSON.stringify(sessionBody()), type);
    assert.equal(a.status, 415, String(type));
    assert.equal(errorCode(a), "UnsupportedMediaType");
    assertConforms("createSession", a);
  }
  assert.equal((await put("ct", JSON.stringify(sessionBody()), "Application/JSON; charset=utf-8")).status, 201);
  const stop = await fetch(`${h.url}/accounts/${ACCOUNT}/sessions/ct/:stop?${API}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  assert.equal(stop.status, 204);
});

test("bodies over 64 KiB → 413, declared or streamed; exactly 64 KiB is read", async () => {
  const padded = (size: number) => {
    const text = JSON.stringify({ maxLeaseTimeMinutes: 5, size: "Standard", pad: "" });
    return text.replace('"pad":""', `"pad":"${"x".repeat(size - text.length)}"`);
  };
  const declared = await put("big", padded(64 * 1024 + 1));
  assert.equal(declared.status, 413);
  assert.equal(errorCode(declared), "PayloadTooLarge");
  assertConforms("createSession", declared);
  // A stream has no Content-Length: the limit must hold while reading, too.
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === 20) controller.close();
      else controller.enqueue(new TextEncoder().encode("x".repeat(8 * 1024)));
    },
  });
  const streamed = await put("big", stream);
  assert.equal(streamed.status, 413);
  const exact = await put("big", padded(64 * 1024));
  // Read whole and validated; `pad` is an unknown field, which the service ignored (request bodies are open).
  assert.equal(exact.status, 201, exact.text);
  assert.ok(!("pad" in (exact.body as object)), "unknown fields are not echoed");
});

test("broken HTTP gets a 400 with an error_response (clientError), not a dropped connection", async () => {
  const text = await raw("GARBAGE / HTTP/1.1\r\n\r\n");
  assert.match(text, /^HTTP\/1\.1 400 /);
  assert.match(text, /MS-CV: /i);
  assert.match(text, /"code":"BadRequest"/);
  const badHeader = await raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
  assert.match(badHeader, /^HTTP\/1\.1 400 /);
  const connectMethod = await raw("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n");
  assert.match(connectMethod, /^HTTP\/1\.1 405 /);
});

test("unknown paths → 404, wrong methods → 405 with Allow, a missing Host is served", async () => {
  const notFound = await h.call("GET", "/nothing/here");
  assert.equal(notFound.status, 404);
  assert.equal(errorCode(notFound), "NotFound");
  const wrongMethod = await h.call("DELETE", "/sessions/x");
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get("allow"), "GET, PUT, PATCH");
  const noHost = await raw(`GET /accounts/${ACCOUNT}/sessions?${API} HTTP/1.0\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  assert.match(noHost, /^HTTP\/1\.1 200 /);
});

test("odd ids and query strings are 400s, never 5xx", async () => {
  const ids = ["..%2F..%2Fetc", "%E0%A4%A", "a".repeat(257), "caf%C3%A9", "%00", "a%20b"];
  for (const id of ids) {
    const a = await h.call("GET", `/sessions/${id}`);
    assert.equal(a.status, 400, id);
    assertConforms("getSession", a);
  }
  assert.equal((await h.call("GET", `/sessions/${"a".repeat(256)}`)).status, 404);
  const twice = await fetch(`${h.url}/accounts/${ACCOUNT}/sessions?api-version=2020-01-01&x=%ZZ`, { headers: { Authorization: `Bearer ${token}` } }).then(reply);
  assert.equal(twice.status, 400);
  assert.equal((twice.body as { error: { target: string } }).error.target, "api-version");
});

test("an Expect other than 100-continue → 417 with an error_response", async () => {
  const { port } = new URL(h.url);
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", path: "/", headers: { Expect: "magic" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(status, 417);
});

test("the server still serves afterwards", async () => {
  assert.equal((await h.call("PUT", "/sessions/after-abuse", sessionBody())).status, 201);
  assert.ok(h.logs.every((line) => !line.includes("internal error")), h.logs.join("\n"));
});
