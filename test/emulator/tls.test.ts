// The https emulator (issue 12): a server certificate signed by the development CA that names every host a
// client uses, trust through the CA only, a clear answer to plain http on the TLS port, the CA and certificate
// kept in the data dir across restarts, a certificate of the caller's own, and a close that ends every connection.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { test } from "node:test";
import { developmentCa, formatBanner, startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { rawRequest } from "../support/https-request.js";
import { ACCOUNT, API, KEY, STS_API } from "./support.js";

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arr-emulator-tls-test-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(t: { after: (fn: () => Promise<void>) => void }, options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ https: true, startupSeconds: 0, ...options });
  t.after(() => emulator.close());
  return emulator;
}

function caOf(emulator: Emulator): string {
  const ca = emulator.tls?.ca;
  assert.ok(ca !== undefined, "an https emulator without a CA");
  return ca;
}

async function token(emulator: Emulator, init: { servername?: string } = {}): Promise<string> {
  const answer = await rawRequest(`${emulator.url}/Accounts/${ACCOUNT}/token?${STS_API}`, {
    headers: { authorization: `Bearer ${ACCOUNT}:${KEY}` },
    ca: caOf(emulator),
    ...init,
  });
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as { AccessToken: string }).AccessToken;
}

test("an https emulator serves the STS and the API to a client trusting only its CA", async (t) => {
  const emulator = await start(t);
  assert.match(emulator.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const bearer = await token(emulator);
  const created = await rawRequest(`${emulator.url}/accounts/${ACCOUNT}/sessions/tls-1?${API}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${bearer}` },
    body: { size: "Standard", maxLeaseTimeMinutes: 10 },
    ca: caOf(emulator),
  });
  assert.equal(created.status, 201, created.text);
  assert.equal((created.body as { id: string }).id, "tls-1");
  // Without the CA, Node's own roots do not know it: the handshake fails, nothing is sent.
  await assert.rejects(rawRequest(`${emulator.url}/accounts/${ACCOUNT}/sessions?${API}`), (error: NodeJS.ErrnoException) => {
    assert.equal(error.code, "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    return true;
  });
});

test("the certificate names localhost, the loopback addresses and each region's service hosts explicitly", async (t) => {
  const emulator = await start(t, { region: "westeurope" });
  const ca = new X509Certificate(caOf(emulator));
  const answer = await rawRequest(`${emulator.url}/Accounts/${ACCOUNT}/token?${STS_API}`, {
    headers: { authorization: `Bearer ${ACCOUNT}:${KEY}` },
    ca: caOf(emulator),
  });
  const served = new X509Certificate(answer.certificate?.raw ?? Buffer.alloc(0));
  assert.ok(served.verify(ca.publicKey), "the served certificate is not signed by the CA");
  assert.ok(served.checkIssued(ca));
  assert.equal(ca.ca, true);
  assert.equal(served.ca, false);
  const names = served.subjectAltName ?? "";
  for (const name of [
    "DNS:localhost",
    "IP Address:127.0.0.1",
    "IP Address:0:0:0:0:0:0:0:1",
    "DNS:sts.westeurope.mixedreality.azure.com",
    "DNS:remoterendering.westeurope.mixedreality.azure.com",
  ]) {
    assert.ok(names.split(", ").includes(name), `${name} missing from ${names}`);
  }
  assert.ok(!names.includes("*"), `no wildcard names: ${names}`);
  assert.deepEqual([...(emulator.tls?.serviceHosts ?? [])], [
    "sts.westeurope.mixedreality.azure.com",
    "remoterendering.westeurope.mixedreality.azure.com",
  ]);
  // What an official SDK does after the /etc/hosts line: it connects to the address and checks the real name.
  for (const servername of emulator.tls?.serviceHosts ?? []) {
    assert.equal(typeof (await token(emulator, { servername })), "string");
  }
  await assert.rejects(token(emulator, { servername: "sts.eastus.mixedreality.azure.com" }), (error: NodeJS.ErrnoException) => {
    assert.equal(error.code, "ERR_TLS_CERT_ALTNAME_INVALID");
    return true;
  });
});

test("an emulator listening on ::1 is reached over IPv6 with its certificate", async (t) => {
  let emulator: Emulator;
  try {
    emulator = await start(t, { host: "::1" });
  } catch (error) {
    // A machine without IPv6 loopback cannot run this case; it says so rather than pass silently.
    t.skip(`no IPv6 loopback here: ${(error as Error).message}`);
    return;
  }
  assert.match(emulator.url, /^https:\/\/\[::1\]:\d+$/);
  assert.equal(typeof (await token(emulator)), "string");
});

test("plain http on the https port is answered at once: the server speaks https", async (t) => {
  const emulator = await start(t);
  const plain = emulator.url.replace(/^https:/, "http:");
  const response = await fetch(`${plain}/Accounts/${ACCOUNT}/token?${STS_API}`, {
    headers: { authorization: `Bearer ${ACCOUNT}:${KEY}` },
  });
  assert.equal(response.status, 400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, "BadRequest");
  assert.match(body.error.message, /the server speaks https/i);
  assert.ok(body.error.message.includes(emulator.url), body.error.message);
  // A body sent along does not turn the answer into a reset.
  const put = await fetch(`${plain}/accounts/${ACCOUNT}/sessions/x?${API}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ size: "Standard", maxLeaseTimeMinutes: 5, padding: "x".repeat(200_000) }),
  });
  assert.equal(put.status, 400);
  assert.match(await put.text(), /speaks https/);
});

test("the data dir keeps the CA and the server certificate across restarts; a new host renews only the latter", async (t) => {
  const dataDir = await folder(t);
  const first = await startEmulator({ https: true, dataDir });
  const ca = caOf(first);
  assert.equal(first.tls?.caFile, join(dataDir, "tls", "ca.pem"));
  assert.equal(await readFile(join(dataDir, "tls", "ca.pem"), "utf8"), ca);
  const serverPem = await readFile(join(dataDir, "tls", "server.pem"), "utf8");
  for (const secret of ["ca-key.pem", "server-key.pem"]) {
    assert.equal((await stat(join(dataDir, "tls", secret))).mode & 0o077, 0, `${secret} is readable by others`);
  }
  const before = await token(first);
  await first.close();

  const second = await startEmulator({ https: true, dataDir });
  t.after(() => second.close());
  assert.equal(caOf(second), ca, "the CA changed across a restart");
  assert.equal(await readFile(join(dataDir, "tls", "server.pem"), "utf8"), serverPem, "the server certificate was not reused");
  const answer = await rawRequest(`${second.url}/accounts/${ACCOUNT}/sessions?${API}`, { headers: { authorization: `Bearer ${before}` }, ca });
  assert.equal(answer.status, 200, "a client trusting the first run's CA and holding its token goes on working");
  assert.equal(await developmentCa(dataDir), ca, "--print-ca prints the CA in use");
  await second.close();

  // Another host needs another name: the server certificate is issued anew, by the same CA.
  const third = await startEmulator({ https: true, dataDir, host: "127.0.0.2" });
  t.after(() => third.close());
  assert.equal(caOf(third), ca);
  const renewed = await readFile(join(dataDir, "tls", "server.pem"), "utf8");
  assert.notEqual(renewed, serverPem);
  assert.match(new X509Certificate(renewed).subjectAltName ?? "", /IP Address:127\.0\.0\.2\b/);
  assert.equal(typeof (await token(third)), "string");
});

test("without a data dir the CA is new at each start and its file goes away at close", async (t) => {
  const first = await start(t);
  const second = await start(t);
  assert.notEqual(caOf(first), caOf(second));
  const file = first.tls?.caFile ?? "";
  assert.equal(await readFile(file, "utf8"), caOf(first));
  await first.close();
  await assert.rejects(stat(file), { code: "ENOENT" });
});

test("a certificate of your own is served as given; a key that does not match is a RangeError", async (t) => {
  const donor = await start(t, { dataDir: await folder(t) });
  const dir = join(new URL(donor.tls?.caFile ?? "", "file:").pathname, "..");
  const own = { cert: await readFile(join(dir, "server.pem"), "utf8"), key: await readFile(join(dir, "server-key.pem"), "utf8") };
  const emulator = await start(t, { https: own });
  assert.equal(emulator.tls?.ca, undefined);
  assert.equal(emulator.tls?.caFile, undefined);
  const answer = await rawRequest(`${emulator.url}/Accounts/${ACCOUNT}/token?${STS_API}`, {
    headers: { authorization: `Bearer ${ACCOUNT}:${KEY}` },
    ca: caOf(donor),
  });
  assert.equal(answer.status, 200);
  assert.equal(new X509Certificate(answer.certificate?.raw ?? Buffer.alloc(0)).fingerprint256, new X509Certificate(own.cert).fingerprint256);
  assert.match(formatBanner(emulator).join("\n"), /certificate you gave/);

  const caKey = await readFile(join(dir, "ca-key.pem"), "utf8");
  await assert.rejects(startEmulator({ https: { cert: own.cert, key: caKey } }), (error: Error) => {
    assert.ok(error instanceof RangeError);
    assert.match(error.message, /^https\.key does not match https\.cert/);
    assert.ok(!error.message.includes("PRIVATE KEY"), "the key's text is never in a message");
    return true;
  });
  await assert.rejects(startEmulator({ https: { cert: "nope", key: own.key } }), /https\.cert must be a PEM certificate/);
});

test("close ends keep-alive connections and connections half-way through a handshake", async (t) => {
  const emulator = await start(t);
  const { port } = new URL(emulator.url);
  // An open TLS connection, idle after its handshake.
  const secure = tlsConnect({ host: "127.0.0.1", port: Number(port), ca: caOf(emulator) });
  await new Promise<void>((resolve, reject) => secure.once("secureConnect", resolve).once("error", reject));
  // A TCP connection that has said nothing yet, and one that stopped inside its ClientHello.
  const silent = netConnect({ host: "127.0.0.1", port: Number(port) });
  const halfway = netConnect({ host: "127.0.0.1", port: Number(port) });
  await Promise.all([silent, halfway].map((s) => new Promise((resolve) => s.once("connect", resolve))));
  halfway.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]));
  const ended = [secure, silent, halfway].map((s) => new Promise<void>((resolve) => {
    s.on("error", () => undefined);
    s.once("close", () => resolve());
  }));
  await emulator.close();
  await Promise.all(ended);
});

test("the banner says where the CA is, how to trust it, and the /etc/hosts line", async (t) => {
  const dataDir = await folder(t);
  const emulator = await start(t, { dataDir });
  const lines = formatBanner(emulator);
  const ca = join(dataDir, "tls", "ca.pem");
  assert.match(lines[0] ?? "", /^Emulator listening on https:\/\/127\.0\.0\.1:\d+$/);
  const text = lines.join("\n");
  assert.ok(lines[1]?.endsWith(ca), lines[1]);
  assert.ok(text.includes(`NODE_EXTRA_CA_CERTS=${ca}`), text);
  assert.ok(text.includes(`REQUESTS_CA_BUNDLE=${ca}`) && text.includes(`SSL_CERT_FILE=${ca}`), text);
  assert.match(text, /\.NET: .*update-ca-certificates/);
  assert.ok(lines.includes("  127.0.0.1 sts.eastus.mixedreality.azure.com remoterendering.eastus.mixedreality.azure.com"), text);
  assert.ok(lines.includes(`  export ARR_CA_FILE=${ca}`), text);
  assert.ok(lines.includes(`  export ARR_ENDPOINT=${emulator.url}`), text);
});
