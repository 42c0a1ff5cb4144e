// `--host 0.0.0.0` (containers, devcontainers): the banner's first line keeps one URL and the lines after it
// list the addresses that reach the emulator from elsewhere. Interfaces are injected: tests reach only 127.0.0.1.
import assert from "node:assert/strict";
import type { NetworkInterfaceInfo } from "node:os";
import { test } from "node:test";
import { otherUrls } from "../../src/emulator/addresses.js";
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, formatBanner, startEmulator } from "../../src/emulator/index.js";

const info = (address: string, family: "IPv4" | "IPv6", internal = false, scopeid = 0): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null, ...(family === "IPv6" ? { scopeid } : {}) }) as NetworkInterfaceInfo;

const interfaces = {
  lo: [info("127.0.0.1", "IPv4", true), info("::1", "IPv6", true)],
  eth0: [info("172.17.0.2", "IPv4"), info("fe80::42:acff:fe11:2", "IPv6", false, 2), info("2001:db8::2", "IPv6")],
  eth1: [info("10.0.0.5", "IPv4")],
};

test("the other URLs of a wildcard host: every non-internal address; none for a specific host", () => {
  assert.deepEqual(otherUrls("0.0.0.0", 8080, interfaces), ["http://172.17.0.2:8080", "http://10.0.0.5:8080"]);
  assert.deepEqual(otherUrls("::", 8080, interfaces), ["http://172.17.0.2:8080", "http://[2001:db8::2]:8080", "http://10.0.0.5:8080"]);
  assert.deepEqual(otherUrls("127.0.0.1", 8080, interfaces), []);
  assert.deepEqual(otherUrls("172.17.0.2", 8080, interfaces), []);
});

test("the banner: first line one URL, then the other addresses and the way to allow http", () => {
  const lines = formatBanner({
    url: "http://127.0.0.1:8080",
    otherUrls: ["http://172.17.0.2:8080"],
    accounts: [{ accountId: DEVELOPMENT_ACCOUNT_ID, accountKey: DEVELOPMENT_ACCOUNT_KEY }],
  });
  assert.equal(lines[0], "Emulator listening on http://127.0.0.1:8080");
  assert.match(lines[1] ?? "", /--allow-http or ARR_ALLOW_HTTP=1/);
  assert.equal(lines[2], "  http://172.17.0.2:8080");
  assert.ok(lines.includes("  export ARR_ENDPOINT=http://127.0.0.1:8080"));
  const plain = formatBanner({ url: "http://127.0.0.1:8080", accounts: [{ accountId: DEVELOPMENT_ACCOUNT_ID, accountKey: DEVELOPMENT_ACCOUNT_KEY }] });
  assert.ok(!plain.some((l) => l.includes("reachable")), "no extra lines for a loopback host");
});

test("an emulator on 127.0.0.1 has no other URLs", async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  assert.deepEqual(emulator.otherUrls, []);
});
