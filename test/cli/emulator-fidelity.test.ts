// `arr emulator --linked-storage <name>` (repeatable) and `--conversion-retry-after` as a real process.
import assert from "node:assert/strict";
import { test } from "node:test";
import { arr, collect, DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, show, spawnArr } from "./support.js";

const ACCOUNT = DEVELOPMENT_ACCOUNT_ID;

test("--linked-storage links storage accounts (repeatable); --conversion-retry-after sends Retry-After", async () => {
  const args = ["emulator", "--port", "0", "--linked-storage", "contoso", "--linked-storage", "devstoreaccount1", "--conversion-retry-after"];
  const child = await spawnArr(args);
  let work: Promise<void> | undefined;
  let failure: unknown;
  const run = await collect(child, args, {
    onStdout: (all) => {
      const url = /^Emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(all)?.[1];
      if (url === undefined || work !== undefined || !all.includes("Press Ctrl-C")) return;
      work = (async () => {
        const sts = await fetch(`${url}/accounts/${ACCOUNT}/token`, { headers: { Authorization: `Bearer ${ACCOUNT}:${DEVELOPMENT_ACCOUNT_KEY}` } });
        const { AccessToken } = (await sts.json()) as { AccessToken: string };
        const put = (id: string, input: string, output: string) =>
          fetch(`${url}/accounts/${ACCOUNT}/conversions/${id}?api-version=2021-01-01`, {
            method: "PUT",
            headers: { Authorization: `Bearer ${AccessToken}`, "Content-Type": "application/json" },
            body: JSON.stringify({ settings: { inputLocation: { storageContainerUri: input, relativeInputAssetPath: "m.fbx" }, outputLocation: { storageContainerUri: output } } }),
          });
        assert.equal((await put("a", "https://contoso.blob.core.windows.net/in", "http://127.0.0.1:10000/devstoreaccount1/out")).status, 201);
        const refused = await put("b", "https://fabrikam.blob.core.windows.net/in", "https://contoso.blob.core.windows.net/out");
        assert.equal(refused.status, 403);
        assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "LinkedStorageAccessFailure");
        const get = await fetch(`${url}/accounts/${ACCOUNT}/conversions/a?api-version=2021-01-01`, { headers: { Authorization: `Bearer ${AccessToken}` } });
        assert.match(get.headers.get("retry-after") ?? "", /^\d+$/);
      })()
        .catch((e: unknown) => {
          failure = e;
        })
        .finally(() => child.kill("SIGINT"));
    },
  });
  await work;
  if (failure) throw failure;
  assert.equal(run.code, 0, show(run));
});

test("--linked-storage takes storage account names only: anything else is a usage error naming the flag", async () => {
  const run = await arr(["emulator", "--port", "0", "--linked-storage", "https://contoso.blob.core.windows.net"]);
  assert.equal(run.code, 2, show(run));
  assert.match(run.stderr, /--linked-storage/);
});
