// Hostile input. Against the emulator over raw HTTP/1.1 (bytes as generated, no client-side normalisation): random
// paths, ids (unicode, `../`, 257 characters, empty, broken escapes), query strings, headers and bodies (wrong
// types, huge numbers, deep nesting, invalid UTF-8, 10 MiB). Every answer is a 4xx with a spec-valid
// error_response, never a 5xx nor a dropped connection, and the emulator still serves afterwards. Then the same
// generators against the client: every bad input rejects with a ValidationError and nothing reaches the wire.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { createRemoteRenderingClient, ValidationError } from "../../src/index.js";
import { validateAgainst } from "../support/spec-validator.js";
import { ACCOUNT, API, DOMAIN, rawRequest, recordingFetch, startHarness, type Harness, type RawReply } from "./support.js";

const SEED = 6_0606;
const RUNS = 120;
const MiB = 1024 * 1024;
const VALID_ID = /^[A-Za-z0-9_-]{1,256}$/;

let h: Harness;
before(async () => {
  h = await startHarness({ startupSeconds: 0 });
  assert.equal((await h.call("PUT", "/sessions/existing", { size: "Standard", maxLeaseTimeMinutes: 60 })).status, 201);
});
after(() => h.close());

// ---------------------------------------------------------------- raw requests and the one rule for answers
interface RawInit {
  readonly method?: string;
  readonly target: string;
  /** Extra header lines, each without CRLF. */
  readonly headers?: readonly string[];
  readonly authorization?: string | null;
  readonly body?: Buffer | string;
  /** Content-Type of the body (default application/json); null for none. */
  readonly contentType?: string | null;
}

function send(init: RawInit): Promise<RawReply> {
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const lines = [`${init.method ?? "GET"} ${init.target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  if (init.authorization !== null) lines.push(`Authorization: ${init.authorization ?? `Bearer ${h.token}`}`);
  if (body !== undefined) {
    if (init.contentType !== null) lines.push(`Content-Type: ${init.contentType ?? "application/json"}`);
    lines.push(`Content-Length: ${body.length}`);
  }
  lines.push(...(init.headers ?? []));
  return rawRequest(h.url, `${lines.join("\r\n")}\r\n\r\n`, body ?? "");
}

/** The rule for every hostile request: a 4xx (or 413) with an error_response body, never a 5xx. */
function assertRefused(r: RawReply, what: string, allowed?: readonly number[]): void {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: expected a 4xx, got ${r.status} ${r.text.slice(0, 300)}`);
  if (allowed !== undefined) assert.ok(allowed.includes(r.status), `${what}: expected one of ${allowed.join("/")}, got ${r.status} ${r.text.slice(0, 300)}`);
  assert.match(r.headers["content-type"] ?? "", /^application\/json/, `${what}: content type`);
  assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/error_response", r.body), [], `${what}: error_response ${r.text.slice(0, 300)}`);
  if (r.status === 401) assert.ok(r.headers["www-authenticate"], `${what}: 401 without WWW-Authenticate`);
}

/** The emulator still answers ordinary requests and never logged an internal error. */
async function assertStillServing(): Promise<void> {
  const id = `alive-${Math.floor(h.clock.now())}-${Math.random().toString(36).slice(2, 8)}`;
  assert.equal((await h.call("PUT", `/sessions/${id}`, { size: "Standard", maxLeaseTimeMinutes: 5 })).status, 201);
  assert.equal((await h.call("GET", `/sessions/${id}`)).status, 200);
  assert.deepEqual(h.logs.filter((line) => /internal error/i.test(line)), []);
}

/** Every UTF-8 byte percent-encoded (lone surrogates become U+FFFD, as any encoder would send them). */
const percentEncoded = (text: string) => [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("");

// ---------------------------------------------------------------- generators shared by emulator and client
const idChar = fc.constantFrom(..."abcXYZ019-_");
const validId = fc.string({ unit: idChar, minLength: 1, maxLength: 12 });
const badId: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom("", ".", "..", "../x", "../../etc/passwd", "a/b", "a b", "a\tb", "é", "𝔘nicode", "\uD800", "a\u0000b", "%2e%2e", "%", "%zz", "s1.", "s\n1"),
    fc.constant("a".repeat(257)),
    fc.integer({ min: 257, max: 2000 }).map((n) => "x".repeat(n)),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    fc.tuple(validId, fc.constantFrom(".", "/", "\\", "..", " ", "é", "\u202E", "%00", ":", "*", "~", "+", "=", "@"), validId).map(([a, b, c]) => `${a}${b}${c}`),
  )
  .filter((id) => !VALID_ID.test(id));

/** Anything JSON can hold, plus the shapes close to right: right keys, wrong values. */
const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, 1e-300, 0.5, -1, 1441, Number.MAX_VALUE, "10", "Standard ", "", null, true, [], {}),
);
const createSessionBody = fc.oneof(
  weirdValue,
  fc.record({ size: fc.oneof(weirdValue, fc.constantFrom("Standard", "Premium")), maxLeaseTimeMinutes: weirdValue }),
  fc.record({ size: fc.constantFrom("Standard", "Premium"), maxLeaseTimeMinutes: fc.integer({ min: 0, max: 1440 }), extra: weirdValue }),
  fc.record({ size: fc.constantFrom("Standard", "Premium") }),
  fc.record({ maxLeaseTimeMinutes: fc.integer({ min: 0, max: 1440 }) }),
);
const updateSessionBody = fc.oneof(
  weirdValue,
  fc.record({ maxLeaseTimeMinutes: weirdValue }),
  fc.record({ maxLeaseTimeMinutes: fc.integer({ min: -5, max: 2000 }), size: weirdValue }),
);
const uri = fc.oneof(
  fc.constantFrom("https://contoso.blob.core.windows.net/c", "not a uri", "", "//no-scheme", "relative/path", "https://", "http://[::1", "\u0000"),
  fc.webUrl(),
  weirdValue,
);
const conversionSettings = fc.oneof(
  weirdValue,
  fc.record({
    inputLocation: fc.oneof(weirdValue, fc.record({ storageContainerUri: uri, relativeInputAssetPath: weirdValue }, { requiredKeys: [] })),
    outputLocation: fc.oneof(
      weirdValue,
      fc.record({ storageContainerUri: uri, outputAssetFilename: fc.oneof(weirdValue, fc.constantFrom("out.fbx", "out.arrasset", ".arrAsset.x")) }, { requiredKeys: [] }),
    ),
  }),
);

const specValid = (schema: string, value: unknown) => validateAgainst("remote-rendering", `#/components/schemas/${schema}`, value).length === 0;
const json = (value: unknown) => JSON.stringify(value) ?? "null";

// ---------------------------------------------------------------- the emulator
const sessionOps = (id: string) =>
  [
    { method: "GET", path: `/sessions/${id}` },
    { method: "PUT", path: `/sessions/${id}`, body: { size: "Standard", maxLeaseTimeMinutes: 5 } },
    { method: "PATCH", path: `/sessions/${id}`, body: { maxLeaseTimeMinutes: 100 } },
    { method: "POST", path: `/sessions/${id}/:stop` },
    { method: "GET", path: `/conversions/${id}` },
    {
      method: "PUT",
      path: `/conversions/${id}`,
      body: {
        settings: {
          inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "a.fbx" },
          outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out" },
        },
      },
    },
  ] as const;

test("emulator: random paths and methods → 4xx error_response", async () => {
  const method = fc.constantFrom("GET", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "get");
  const path = fc.oneof(
    fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
    fc.string({ unit: "binary", maxLength: 60 }).map((p) => `/${p}`),
    fc.constantFrom("/", "//", "/accounts", `/accounts/${ACCOUNT}`, `/accounts/${ACCOUNT}/sessions/`, `/accounts/${ACCOUNT}/sessions/../conversions`,
      `/accounts/${ACCOUNT}/../../etc/passwd`, `/accounts/%2e%2e/sessions`, `/accounts/not-a-uuid/sessions`, `/Accounts/${ACCOUNT}/token/x`,
      `/accounts/${ACCOUNT}/sessions/existing/:start`, `/accounts/${ACCOUNT}/sessions/existing/extra/segments`, "*", "http://evil.example/x"),
    fc.tuple(fc.constantFrom(`/accounts/${ACCOUNT}/sessions/`, `/accounts/${ACCOUNT}/conversions/`, "/accounts/"), fc.webSegment(), fc.webPath()).map(([a, b, c]) => `${a}${b}/x${c}`),
  );
  await fc.assert(
    fc.asyncProperty(method, path, fc.boolean(), async (m, p, withQuery) => {
      const target = withQuery ? `${p}?${API}` : p;
      const r = await send({ method: m, target });
      assertRefused(r, `${m} ${JSON.stringify(target)}`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  await assertStillServing();
});

test("emulator: hostile ids on every operation → 400/404/405 error_response", async () => {
  await fc.assert(
    fc.asyncProperty(badId, fc.constantFrom("raw", "encoded"), fc.nat(5), async (id, encoding, opIndex) => {
      // '?' in a raw id would start the query; that belongs to the query-string test.
      fc.pre(encoding === "encoded" || !id.includes("?"));
      const segment = encoding === "raw" ? id : percentEncoded(id);
      const op = sessionOps(segment)[opIndex] ?? sessionOps(segment)[0];
      assert.ok(op);
      const r = await send({
        method: op.method,
        target: `/accounts/${ACCOUNT}${op.path}?${API}`,
        ...("body" in op ? { body: json(op.body) } : {}),
      });
      assertRefused(r, `${op.method} id ${JSON.stringify(id)} (${encoding})`, [400, 404, 405]);
    }),
    { seed: SEED, numRuns: RUNS * 2 },
  );
  await assertStillServing();
});

test("emulator: query strings without a valid api-version, and bad $skipTokens → 400", async () => {
  const key = fc.oneof(fc.constantFrom("api-version", "API-VERSION", "api_version", "$skipToken", "api-version[]", ""), fc.string({ unit: "binary-ascii", maxLength: 10 }));
  const value = fc.oneof(fc.constantFrom("2021-01-01 ", "2020-01-01", "2021-01-01-preview", "", "2021-1-1", "%32021-01-01", "2021-01-01\u0000"), fc.string({ unit: "binary", maxLength: 20 }));
  const pair = fc.tuple(key, value, fc.boolean()).map(([k, v, encode]) => (encode ? `${encodeURIComponent(k)}=${percentEncoded(v)}` : `${k}=${v}`));
  const query = fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.join("&"));
  const target = fc.constantFrom("/sessions/existing", "/sessions", "/conversions", "/conversions/none", "/sessions/existing/:stop");
  await fc.assert(
    fc.asyncProperty(query, target, async (q, path) => {
      // Only queries whose api-version (as the server reads it) is not the supported one.
      let apiVersion: string | null = null;
      try {
        apiVersion = new URLSearchParams(q).get("api-version");
      } catch {
        /* unreadable: certainly not the right one */
      }
      fc.pre(apiVersion !== "2021-01-01" && !q.includes("#"));
      const method = path.endsWith(":stop") ? "POST" : "GET";
      const r = await send({ method, target: `/accounts/${ACCOUNT}${path}?${q}` });
      assertRefused(r, `${method} ${path}?${JSON.stringify(q)}`, [400]);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("/sessions", "/conversions"), async (token, path) => {
      fc.pre(!/^\d{1,15}$/.test(token));
      const r = await send({ target: `/accounts/${ACCOUNT}${path}?${API}&$skipToken=${percentEncoded(token)}` });
      assertRefused(r, `$skipToken ${JSON.stringify(token)}`, [400]);
    }),
    { seed: SEED, numRuns: RUNS / 2 },
  );
  await assertStillServing();
});

test("emulator: hostile headers → 4xx error_response (bad credentials 401, broken HTTP 400)", async () => {
  const target = `/accounts/${ACCOUNT}/sessions/none?${API}`;
  const name = fc.oneof(fc.string({ unit: fc.constantFrom(..."abcxyzABC-_!#$%&'*+.^`|~0123456789"), minLength: 1, maxLength: 20 }), fc.string({ unit: "binary", minLength: 1, maxLength: 10 }));
  const value = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }));
  // Extra headers on a request for a session that does not exist: whatever they are, the answer is a 4xx.
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 5 }), async (headers) => {
      fc.pre(headers.every(([n]) => !/^(upgrade|connection|expect|content-length|transfer-encoding)$/i.test(n.trim())));
      const r = await send({ target, headers: headers.map(([n, v]) => `${n}: ${v}`) });
      assertRefused(r, `headers ${JSON.stringify(headers)}`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // Random credentials: always a 401 with a challenge.
  await fc.assert(
    fc.asyncProperty(fc.oneof(value, value.map((v) => `Bearer ${v}`), value.map((v) => `Bearer ${h.token.slice(0, -2)}${v}`)), async (authorization) => {
      fc.pre(!/[\r\n]/.test(authorization) && authorization.trim() !== `Bearer ${h.token}`);
      const r = await send({ target: `/accounts/${ACCOUNT}/sessions/existing?${API}`, authorization });
      assertRefused(r, `Authorization ${JSON.stringify(authorization)}`, [400, 401]);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // Hand-picked troublemakers.
  const put = `/accounts/${ACCOUNT}/sessions/hdr-1?${API}`;
  const body = json({ size: "Standard", maxLeaseTimeMinutes: 5 });
  const cases: [string, RawInit][] = [
    ["Upgrade: websocket", { target, headers: ["Upgrade: websocket", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"] }],
    ["Expect: something", { target, headers: ["Expect: something-else"] }],
    ["a 20 KiB header", { target, headers: [`X-Big: ${"a".repeat(20 * 1024)}`] }],
    ["a header with NUL", { target, headers: ["X-Nul: a\u0000b"] }],
    ["a header name with a space", { target, headers: ["X Bad: 1"] }],
    ["obsolete line folding", { target, headers: ["X-Fold: a", " continued"] }],
    ["a header without colon", { target, headers: ["NoColonHere"] }],
    ["two Content-Lengths", { method: "PUT", target: put, body, headers: ["Content-Length: 3"] }],
    ["Content-Length: -1", { method: "PUT", target: put, headers: ["Content-Type: application/json", "Content-Length: -1"] }],
    ["Content-Length: abc", { method: "PUT", target: put, headers: ["Content-Type: application/json", "Content-Length: abc"] }],
    ["Content-Length and Transfer-Encoding", { method: "PUT", target: put, body, headers: ["Transfer-Encoding: chunked"] }],
    ["Transfer-Encoding: gzip", { method: "PUT", target: put, headers: ["Content-Type: application/json", "Transfer-Encoding: gzip"] }],
    ["broken chunk framing", { method: "PUT", target: put, contentType: null, headers: ["Content-Type: application/json", "Transfer-Encoding: chunked", "", "zz\r\n{}\r\n0\r\n"] }],
    ["no Content-Type", { method: "PUT", target: put, body, contentType: null }],
    ["Content-Type text/plain", { method: "PUT", target: put, body, contentType: "text/plain" }],
    ["Content-Type application/jsonx", { method: "PUT", target: put, body, contentType: "application/jsonx" }],
    ["Content-Type multipart", { method: "PATCH", target: put, body, contentType: "multipart/form-data; boundary=x" }],
    ["HTTP/1.0 with a bad version", { target: `${target} HTTP/9.9` }],
    ["a request line with three spaces", { target: `${target} x` }],
    ["no Host on HTTP/1.1", { target, headers: ["Host:"] }],
  ];
  for (const [what, init] of cases) assertRefused(await send(init), what);
  await assertStillServing();
});

test("emulator: hostile bodies (wrong types, huge numbers, nesting, invalid UTF-8, 10 MiB) → 4xx error_response", async () => {
  const cases = fc.oneof(
    createSessionBody.filter((b) => !specValid("create_session_settings", b)).map((b) => ({ method: "PUT", path: "/sessions/body-new", body: json(b) })),
    updateSessionBody.map((b) => ({ method: "PATCH", path: "/sessions/existing", body: json(b) })),
    conversionSettings
      .map((settings) => ({ settings }))
      .filter((b) => !specValid("create_conversion_settings", b))
      .map((b) => ({ method: "PUT", path: "/conversions/body-new", body: json(b) })),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ({ method, path, body }) => {
      const r = await send({ method, target: `/accounts/${ACCOUNT}${path}?${API}`, body });
      // A PATCH of a valid larger lease would succeed; everything else here is refused.
      if (method === "PATCH" && r.status === 200) {
        assert.ok(specValid("update_session_settings", JSON.parse(body)), `PATCH ${body} answered 200`);
        return;
      }
      assertRefused(r, `${method} ${path} ${body.slice(0, 200)}`, [400, 404, 409, 413, 422]);
    }),
    { seed: SEED, numRuns: RUNS * 2 },
  );
  const put = `/accounts/${ACCOUNT}/sessions/body-raw?${API}`;
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
  const raw: [string, RawInit, readonly number[]][] = [
    ["empty", { method: "PUT", target: put, body: "" }, [400]],
    ["null", { method: "PUT", target: put, body: "null" }, [400]],
    ["truncated", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":' }, [400]],
    ["trailing garbage", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":5}}' }, [400]],
    ["NaN", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":NaN}' }, [400]],
    ["1e400", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":1e400}' }, [400]],
    ["a 300-digit integer", { method: "PUT", target: put, body: `{"size":"Standard","maxLeaseTimeMinutes":${"9".repeat(300)}}` }, [400]],
    ["a fraction", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":5.5}' }, [400]],
    ["invalid UTF-8 in a string", { method: "PUT", target: put, body: bytes('{"size":"', [0xff, 0xfe, 0xc3, 0x28], '","maxLeaseTimeMinutes":5}') }, [400]],
    ["an overlong UTF-8 encoding", { method: "PUT", target: put, body: bytes('{"size":"Standard', [0xc0, 0xaf], '","maxLeaseTimeMinutes":5}') }, [400]],
    ["a lone surrogate escape", { method: "PUT", target: put, body: '{"size":"\\ud800","maxLeaseTimeMinutes":5}' }, [400]],
    ["UTF-16", { method: "PUT", target: put, body: Buffer.from('{"size":"Standard","maxLeaseTimeMinutes":5}', "utf16le") }, [400]],
    ["arrays nested 30 000 deep", { method: "PUT", target: put, body: `${"[".repeat(30_000)}${"]".repeat(30_000)}` }, [400]],
    ["objects nested 5 000 deep", { method: "PUT", target: put, body: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}` }, [400]],
    ["a deep value in the right place", { method: "PUT", target: put, body: `{"size":"Standard","maxLeaseTimeMinutes":${"[".repeat(10_000)}${"]".repeat(10_000)}}` }, [400]],
    ["duplicate keys, last one invalid", { method: "PUT", target: put, body: '{"size":"Standard","maxLeaseTimeMinutes":5,"maxLeaseTimeMinutes":-5}' }, [400]],
    ["__proto__ key", { method: "PUT", target: put, body: '{"__proto__":{"size":"Standard"},"maxLeaseTimeMinutes":5}' }, [400]],
    ["a body on stop", { method: "POST", target: `/accounts/${ACCOUNT}/sessions/existing/:stop?${API}`, body: "{}" }, [204]],
    ["64 KiB + 1", { method: "PUT", target: put, body: Buffer.alloc(64 * 1024 + 1, 0x20) }, [413]],
    ["10 MiB with Content-Length", { method: "PUT", target: put, body: Buffer.alloc(10 * MiB, 0x61) }, [413]],
    ["10 MiB chunked", { method: "PUT", target: put, contentType: null, headers: ["Content-Type: application/json", "Transfer-Encoding: chunked", "", `${(10 * MiB).toString(16)}\r\n${"a".repeat(10 * MiB)}\r\n0\r\n`] }, [413]],
    ["10 MiB of valid JSON", { method: "PUT", target: put, body: json({ size: "Standard", maxLeaseTimeMinutes: 5, pad: "x".repeat(10 * MiB) }) }, [413]],
  ];
  for (const [what, init, statuses] of raw) {
    const r = await send(init);
    if (statuses.includes(204)) {
      assert.equal(r.status, 204, `${what}: ${r.status} ${r.text}`); // :stop takes no body; one sent is ignored
      continue;
    }
    assertRefused(r, what, statuses);
  }
  await assertStillServing();
});

// ---------------------------------------------------------------- the client
test("client: every bad input rejects with a ValidationError and nothing reaches the wire", async () => {
  const wire = recordingFetch();
  const client = createRemoteRenderingClient({
    endpoint: "https://remoterendering.eastus.mixedreality.azure.com",
    accountId: ACCOUNT,
    accountDomain: DOMAIN,
    credential: { accountKey: "hostile-input-test-key-0000" },
    fetch: wire.fetch,
  });
  const goodConversion = {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/in", relativeInputAssetPath: "a.fbx" },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/out" },
  };
  const anyId = fc.oneof(badId, fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.string())) as fc.Arbitrary<unknown>);
  const call = fc.oneof(
    anyId.map((id) => ({ what: `sessions.create(${String(id)})`, run: () => client.sessions.create(id as string, { size: "Standard", maxLeaseTimeMinutes: 5 }) })),
    anyId.map((id) => ({ what: `sessions.get(${String(id)})`, run: () => client.sessions.get(id as string) })),
    anyId.map((id) => ({ what: `sessions.update(${String(id)})`, run: () => client.sessions.update(id as string, { maxLeaseTimeMinutes: 10 }) })),
    anyId.map((id) => ({ what: `sessions.stop(${String(id)})`, run: () => client.sessions.stop(id as string) })),
    anyId.map((id) => ({ what: `sessions.waitUntilReady(${String(id)})`, run: () => client.sessions.waitUntilReady(id as string) })),
    anyId.map((id) => ({ what: `conversions.create(${String(id)})`, run: () => client.conversions.create(id as string, goodConversion) })),
    anyId.map((id) => ({ what: `conversions.get(${String(id)})`, run: () => client.conversions.get(id as string) })),
    anyId.map((id) => ({ what: `conversions.waitUntilDone(${String(id)})`, run: () => client.conversions.waitUntilDone(id as string) })),
    createSessionBody
      .filter((b) => !specValid("create_session_settings", b))
      .map((b) => ({ what: `sessions.create(ok, ${json(b)})`, run: () => client.sessions.create("ok", b as never) })),
    updateSessionBody
      .filter((b) => !specValid("update_session_settings", b))
      .map((b) => ({ what: `sessions.update(ok, ${json(b)})`, run: () => client.sessions.update("ok", b as never) })),
    conversionSettings
      .filter((s) => !specValid("conversion_settings", s))
      .map((s) => ({ what: `conversions.create(ok, ${json(s)})`, run: () => client.conversions.create("ok", s as never) })),
  );
  await fc.assert(
    fc.asyncProperty(call, async ({ what, run }) => {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ValidationError, `${what}: expected a ValidationError, got ${String(error)}`);
      assert.ok(error.field.length > 0, `${what}: names a field`);
      assert.ok(["type", "enum", "const", "required", "additionalProperties", "pattern", "minLength", "maxLength", "minimum", "maximum", "format"].includes(error.rule), `${what}: rule ${error.rule}`);
      assert.deepEqual(wire.requests, [], `${what}: nothing may reach the wire`);
    }),
    { seed: SEED, numRuns: RUNS * 4 },
  );
  // Rules stricter than the spec's `format: uri`: credentials and SAS never travel over plain http.
  for (const storageContainerUri of ["http://contoso.blob.core.windows.net/in", "ftp://contoso/in", "file:///etc/passwd", "javascript:alert(1)", "https://"]) {
    await assert.rejects(
      client.conversions.create("ok", { ...goodConversion, inputLocation: { ...goodConversion.inputLocation, storageContainerUri } }),
      (e: unknown) => e instanceof ValidationError && e.rule === "format",
      storageContainerUri,
    );
  }
  assert.deepEqual(wire.requests, []);
});
