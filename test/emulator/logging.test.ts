// Logs and the start banner never carry secrets: tokens, account keys (but the documented development
// key) and SAS tokens are absent from every log line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, formatBanner } from "../../src/emulator/index.js";
import { conversionBody, sessionBody, startHarness } from "./support.js";

const SECRET_KEY = "custom-key-9d8c7b6a";
const SAS = "sv=2021&sig=LOG-SECRET-51f0";

test("a whole workload, faults and bad input included, logs no token, key or SAS", async () => {
  const account = { accountId: "44444444-4444-4444-8444-444444444444", accountKey: SECRET_KEY };
  const h = await startHarness({ accounts: [account], failRate: 0.2, seed: 3 });
  const tokens: string[] = [];
  try {
    let token: string | undefined;
    while (token === undefined) {
      const r = await fetch(`${h.url}/Accounts/${account.accountId}/token?api-version=2019-02-28-preview`, {
        headers: { Authorization: `Bearer ${account.accountId}:${SECRET_KEY}` },
      });
      if (r.status === 200) token = ((await r.json()) as { AccessToken: string }).AccessToken;
      else await r.arrayBuffer();
    }
    tokens.push(token);
    const init = { token, account: account.accountId };
    for (let i = 0; i < 20; i++) {
      await h.call("PUT", `/sessions/log-${i}`, sessionBody(), init);
      await h.call("PATCH", `/sessions/log-${i}`, { maxLeaseTimeMinutes: 30 }, init);
      await h.call("PUT", `/conversions/log-${i}`, conversionBody("a.fbx", { storageContainerReadListSas: SAS }, { storageContainerWriteSas: SAS }), init);
      await h.call("PUT", `/conversions/bad-${i}`, { settings: { inputLocation: { storageContainerUri: SAS } } }, init);
      await h.call("POST", `/sessions/log-${i}/:stop`, undefined, init);
      await h.call("GET", "/sessions", undefined, { ...init, token: `${token}x` });
    }
    await fetch(`${h.url}/Accounts/${account.accountId}/token?api-version=2019-02-28-preview`, {
      headers: { Authorization: `Bearer ${account.accountId}:${SECRET_KEY}-wrong` },
    });
  } finally {
    await h.close();
  }
  assert.ok(h.logs.length > 20, "the workload was logged");
  const all = h.logs.join("\n");
  for (const secret of [SECRET_KEY, SAS, "LOG-SECRET", ...tokens]) assert.ok(!all.includes(secret), `a secret in the log: ${secret.slice(0, 12)}…`);
  assert.ok(h.logs.some((l) => l.includes("injected fault")));
});

test("the banner starts with the listening line and shows only the development key", () => {
  const lines = formatBanner({
    url: "http://127.0.0.1:5000",
    accounts: [
      { accountId: DEVELOPMENT_ACCOUNT_ID, accountKey: DEVELOPMENT_ACCOUNT_KEY },
      { accountId: "44444444-4444-4444-8444-444444444444", accountKey: SECRET_KEY },
    ],
  });
  assert.equal(lines[0], "Emulator listening on http://127.0.0.1:5000");
  assert.ok(lines.join("\n").includes(DEVELOPMENT_ACCOUNT_KEY));
  assert.ok(!lines.join("\n").includes(SECRET_KEY));
});
