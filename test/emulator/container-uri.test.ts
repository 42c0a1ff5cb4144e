// A storage container URI carrying a query (a pasted "Blob SAS URL") is answered 400 with the field as target;
// the SAS is never stored (no conversion exists afterwards), logged, or written to the data dir.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { assertConforms, conversionBody, startHarness } from "./support.js";

const SIG = "EmulatorSasSignatureNeverStored0123456789";

test("a container URI with a SAS query: 400 naming the field, nothing stored, logged or written", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "arr-sas-"));
  const h = await startHarness({ dataDir: dir, verbose: true });
  t.after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });
  const sasUri = `https://contoso.blob.core.windows.net/input?sv=2022-11-02&sig=${SIG}`;
  for (const side of ["inputLocation", "outputLocation"] as const) {
    const body = conversionBody();
    body.settings[side].storageContainerUri = sasUri;
    const created = await h.call("PUT", `/conversions/c-${side}`, body);
    assert.equal(created.status, 400, created.text);
    assertConforms("createConversion", created);
    const error = (created.body as { error: { target?: string; message: string } }).error;
    assert.equal(error.target, `settings.${side}.storageContainerUri`);
    assert.match(error.message, side === "inputLocation" ? /storageContainerReadListSas/ : /storageContainerWriteSas/);
    assert.ok(!created.text.includes(SIG));
    assert.equal((await h.call("GET", `/conversions/c-${side}`)).status, 404, "nothing was stored");
  }
  await h.close();
  assert.ok(h.logs.length > 0, "verbose logging saw the requests");
  for (const line of h.logs) assert.ok(!line.includes(SIG), `logged: ${line}`);
  for (const name of await readdir(dir)) {
    assert.ok(!(await readFile(join(dir, name), "utf8")).includes(SIG), `${name} holds the SAS`);
  }
});
