// The storage helpers without a server: connection strings (errors never echo them), SAS lifetimes and
// permissions, blob prefixes, preflight warnings, settings validation, and that the core client never loads them.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import {
  blobPrefixFor,
  containerSas,
  MIN_SAS_LIFETIME_MS,
  parseConnectionString,
  parseSettingsFile,
  preflight,
  sasLifetimeMs,
  StorageError,
  withDefaults,
} from "../../src/storage/index.js";
import { AZURITE_KEY } from "../support/azurite.js";
import { writeCubeGltf } from "../support/models.js";

const root = join(import.meta.dirname, "..", "..");

test("connection strings: explicit endpoint, account-only, development storage; errors name the part, never the string", () => {
  const cs = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:1234/devstoreaccount1/;`;
  assert.deepEqual(parseConnectionString(cs), { accountName: "devstoreaccount1", accountKey: AZURITE_KEY, blobEndpoint: "http://127.0.0.1:1234/devstoreaccount1" });
  assert.equal(parseConnectionString("AccountName=contoso;AccountKey=a2V5").blobEndpoint, "https://contoso.blob.core.windows.net");
  assert.equal(parseConnectionString("UseDevelopmentStorage=true").blobEndpoint, "http://127.0.0.1:10000/devstoreaccount1");
  const secret = "AccountName=contoso;SharedAccessSignature=sv=2020&sig=c2VjcmV0c2lnbmF0dXJl";
  assert.throws(() => parseConnectionString(secret), (e: unknown) => {
    assert.ok(e instanceof StorageError);
    assert.equal(e.code, "InvalidConnectionString");
    assert.equal(e.rule, "required");
    assert.ok(!e.message.includes("c2VjcmV0c2lnbmF0dXJl"));
    return true;
  });
});

test("SAS: at least 24 h, an hour longer than a longer wait; only the permissions asked for", () => {
  assert.equal(sasLifetimeMs(), MIN_SAS_LIFETIME_MS);
  assert.equal(sasLifetimeMs(48 * 3_600_000), 49 * 3_600_000);
  const account = parseConnectionString("UseDevelopmentStorage=true");
  const now = Date.UTC(2026, 0, 1);
  const sas = new URLSearchParams(containerSas(account, "arr-input", "rl", { lifetimeMs: sasLifetimeMs(), now }));
  assert.equal(sas.get("sp"), "rl");
  assert.equal(new Date(sas.get("se") ?? "").getTime() - now, 24 * 3_600_000);
  assert.equal(new URLSearchParams(containerSas(account, "arr-output", "w", { lifetimeMs: 1000, now })).get("sp"), "w");
});

test("blob prefixes come from the model's name", () => {
  assert.equal(blobPrefixFor("/x/Robot Arm.fbx"), "Robot-Arm/");
  assert.equal(blobPrefixFor("cube.gltf"), "cube/");
});

test("preflight warns about '&' in names and checks the settings file against its schema", async () => {
  const dir = mkdtempSync(join(tmpdir(), "arr-preflight-"));
  try {
    const model = await writeCubeGltf(dir);
    mkdirSync(join(dir, "extra"));
    writeFileSync(join(dir, "extra", "salt & pepper.png"), "x");
    const plan = await preflight({ model: model.path, folder: dir });
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0] ?? "", /^extra\/salt & pepper\.png: names with '&'/);
    assert.deepEqual(plan.files.map((f) => f.name), ["cube.bin", "cube.gltf", "extra/salt & pepper.png", "textures/checker.png"]);
    writeFileSync(join(dir, "cube.ConversionSettings.json"), JSON.stringify({ scaling: 0.01, axis: ["+x", "+y"] }));
    await assert.rejects(preflight({ model: model.path }), (e: unknown) => e instanceof StorageError && e.rule === "minItems" && e.field.endsWith(":axis"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("settings: no other keys; defaults from the schema", () => {
  assert.throws(() => parseSettingsFile('{"scale": 2}', "m.ConversionSettings.json"), (e: unknown) => e instanceof StorageError && e.rule === "additionalProperties" && e.field === "m.ConversionSettings.json:scale");
  assert.throws(() => parseSettingsFile('{"scaling": 0}', "m.ConversionSettings.json"), (e: unknown) => e instanceof StorageError && e.rule === "exclusiveMinimum");
  const full = withDefaults(parseSettingsFile('{"scaling": 2}', "m.json"));
  assert.equal(full.scaling, 2);
  assert.equal(full.sceneGraphMode, "dynamic");
  assert.equal(full.opaqueMaterialDefaultSidedness, "DoubleSided");
});

test("the core client never imports the storage entry or @azure/storage-blob", () => {
  for (const folder of ["client", "auth", "transport", "errors", "validation"]) {
    for (const file of readdirSync(join(root, "src", folder), { recursive: true }) as string[]) {
      if (!file.endsWith(".ts")) continue;
      const text = readFileSync(join(root, "src", folder, file), "utf8");
      assert.ok(!/from "(\.\.\/)+storage\/|@azure\/storage-blob|@gltf-transform/.test(text), relative(root, join(root, "src", folder, file)));
    }
  }
  assert.ok(!/storage/.test(readFileSync(join(root, "src", "index.ts"), "utf8")));
});
