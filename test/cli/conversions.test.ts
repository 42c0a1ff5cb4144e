// `arr conversions …` end to end against an emulator in this process; SAS values must never come back out.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { arr, captured, json, jsonError, show, startTestEmulator, type TestEmulator } from "./support.js";

let emulator: TestEmulator;
before(async () => {
  emulator = await startTestEmulator();
});
after(async () => {
  await emulator.close();
});

const INPUT_SAS = "sv=2020-08-04&ss=b&srt=co&sp=rl&se=2030-01-01&sig=InputSasSignatureValue0123456789abcdef%3D";
const OUTPUT_SAS = "sv=2020-08-04&ss=b&srt=co&sp=w&se=2030-01-01&sig=OutputSasSignatureValue0123456789abcdef%3D";

function createArgs(id: string, asset: string, ...more: string[]): string[] {
  return [
    "conversions", "create", id,
    "--input-container", "https://contoso.blob.core.windows.net/models",
    "--input-prefix", "robots",
    "--input-asset", asset,
    "--input-sas", INPUT_SAS,
    "--output-container", "https://contoso.blob.core.windows.net/converted",
    "--output-prefix", "out",
    "--output-sas", OUTPUT_SAS,
    ...more,
  ];
}

interface ConversionJson {
  id: string;
  status: string;
  output?: { outputAssetUri?: string };
  settings: { inputLocation: Record<string, unknown>; outputLocation: Record<string, unknown> };
}

describe("arr conversions", { concurrency: 3 }, () => {
  test("create → get → wait → list", async () => {
    const env = emulator.env;
    const created = await arr(createArgs("robot", "robot.fbx"), env);
    assert.equal(created.code, 0, show(created));
    assert.match(created.stdout, /^Conversion:\s+robot$/m);
    assert.match(created.stdout, /^Status:\s+(NotStarted|Running)$/m);
    assert.match(created.stdout, /^Input:\s+https:\/\/contoso\.blob\.core\.windows\.net\/models\/robots\/robot\.fbx$/m);

    const got = await arr(["conversions", "get", "robot", "--json"], env);
    assert.equal(got.code, 0, show(got));
    const conversion = json(got) as ConversionJson;
    assert.equal(conversion.id, "robot");
    assert.equal(conversion.settings.inputLocation["blobPrefix"], "robots/");
    assert.equal(conversion.settings.inputLocation["storageContainerReadListSas"], undefined);

    const waited = await arr(["conversions", "wait", "robot"], env);
    assert.equal(waited.code, 0, show(waited));
    assert.match(waited.stdout, /^Status:\s+Succeeded$/m);
    assert.match(waited.stdout, /^Output asset:\s+https:\/\/contoso\.blob\.core\.windows\.net\/converted\/out\/robot\.arrAsset$/m);
    assert.match(waited.stderr, /^conversion robot: (NotStarted|Running|Succeeded) \(\d+s\)$/m);

    const [listed, listedJson] = await Promise.all([arr(["conversions", "list"], env), arr(["conversions", "list", "--json"], env)]);
    assert.equal(listed.code, 0, show(listed));
    assert.match(listed.stdout, /^ID\s+STATUS\s+CREATED\s+OUTPUT$/m);
    assert.match(listed.stdout, /^robot\s+Succeeded\s+\S+\s+https:\/\/contoso\.blob\.core\.windows\.net\/converted\/out\/robot\.arrAsset$/m);
    const list = json(listedJson);
    assert.ok(Array.isArray(list) && list.some((c) => (c as ConversionJson).id === "robot"), show(listedJson));
  });

  test("create --wait --json ends Succeeded with the output asset's URI", async () => {
    const run = await arr(createArgs("robot-json", "robot.gltf", "--output-name", "custom.arrAsset", "--wait", "--json"), emulator.env);
    assert.equal(run.code, 0, show(run));
    const conversion = json(run) as ConversionJson;
    assert.equal(conversion.status, "Succeeded");
    assert.equal(conversion.output?.outputAssetUri, "https://contoso.blob.core.windows.net/converted/out/custom.arrAsset");
  });

  test("a failed conversion exits 1 with InputContainerError, in both modes", async () => {
    const [human, machine] = await Promise.all([
      arr(createArgs("broken", "missing-model.fbx", "--wait"), emulator.env),
      arr(createArgs("broken-json", "missing-model.fbx", "--wait", "--json"), emulator.env),
    ]);
    assert.equal(human.code, 1, show(human));
    assert.match(human.stderr, /^arr: conversion 'broken' Failed: InputContainerError: /m);
    assert.equal(machine.code, 1, show(machine));
    assert.equal(machine.stdout, "");
    const last = machine.stderr.trimEnd().split("\n").at(-1) ?? "";
    const error = (JSON.parse(last) as { error: Record<string, unknown> }).error;
    assert.equal(error["code"], "InputContainerError");
    assert.equal(error["conversionStatus"], "Failed");
  });

  test("an unknown conversion is exit 1 with NotFound", async () => {
    const run = await arr(["conversions", "get", "nope", "--json"], emulator.env);
    assert.equal(run.code, 1, show(run));
    assert.equal(jsonError(run)["code"], "NotFound");
  });
});

after(() => {
  for (const run of captured) {
    const all = `${run.stdout}${run.stderr}`;
    for (const secret of [INPUT_SAS, OUTPUT_SAS, "InputSasSignatureValue", "OutputSasSignatureValue"]) {
      assert.ok(!all.includes(secret), `SAS printed by ${show(run)}`);
    }
  }
});
