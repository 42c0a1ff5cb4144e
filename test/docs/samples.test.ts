// The code samples in the bundled spec (x-codeSamples, written by scripts/lib/code-samples.ts): every operation
// has the three tabs; the TypeScript ones type-check against the package's source; the arr and curl ones run,
// exactly as shown, against an emulator on 127.0.0.1 with the environment `arr emulator` prints.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { builtCli } from "../cli/build.js";
import { typeCheck } from "./type-check.js";
import { createManualClock, type Emulator } from "../../src/emulator/index.js";
import { ACCOUNT, KEY, startManualEmulator, stsToken } from "../support/in-process-emulator.js";
import { constraints } from "../../generated/constraints.js";
import { addCodeSamples, sampleDescriptions, type CodeSample, type SampleDocument } from "../../scripts/lib/code-samples.js";

const root = resolve(import.meta.dirname, "../..");

interface Sampled {
  operationId: string;
  method: string;
  samples: CodeSample[];
}

function sampledOperations(): Sampled[] {
  const found: Sampled[] = [];
  for (const name of ["remote-rendering", "mixed-reality-sts"]) {
    const document = JSON.parse(readFileSync(join(root, "generated", `${name}.json`), "utf8")) as {
      paths: Record<string, Record<string, { operationId?: string; "x-codeSamples"?: CodeSample[] }>>;
    };
    for (const item of Object.values(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (typeof op.operationId === "string") found.push({ operationId: op.operationId, method, samples: op["x-codeSamples"] ?? [] });
      }
    }
  }
  // In the order of the descriptions: creates before gets before stops.
  const order = Object.keys(sampleDescriptions);
  return found.sort((a, b) => order.indexOf(a.operationId) - order.indexOf(b.operationId));
}

function sampleOf(op: Sampled, label: string): string {
  const sample = op.samples.find((s) => s.label === label);
  assert.ok(sample, `${op.operationId} has a ${label} sample`);
  return sample.source;
}

test("every operation of both specs has a TypeScript, an arr and a curl sample", () => {
  const operations = sampledOperations();
  assert.deepEqual(
    operations.filter((op) => op.operationId !== "getToken").map((op) => op.operationId).sort(),
    Object.keys(constraints.operations).sort(),
  );
  for (const op of operations) assert.deepEqual(op.samples.map((s) => s.label), ["TypeScript", "arr", "curl"], op.operationId);
});

test("a spec change that breaks a sample fails the generation", () => {
  const load = (name: string): SampleDocument & Record<string, unknown> =>
    JSON.parse(readFileSync(join(root, "generated", `${name}.json`), "utf8")) as SampleDocument & Record<string, unknown>;
  // As bundled, both specs render.
  assert.doesNotThrow(() => addCodeSamples(load("remote-rendering"), load("mixed-reality-sts")));
  // The request example loses the field the arr sample's --size flag is made from.
  const renamed = load("remote-rendering");
  const text = JSON.stringify(renamed).replace('"size":"Standard"', '"sizeName":"Standard"');
  assert.throws(() => addCodeSamples(JSON.parse(text) as SampleDocument, load("mixed-reality-sts")), /createSession: the request example has nothing at \/size/);
  // An operation nobody described.
  const extra = load("remote-rendering");
  extra.paths["/extra"] = { get: { operationId: "getExtra" } };
  assert.throws(() => addCodeSamples(extra, load("mixed-reality-sts")), /getExtra: the operation has no sample description/);
  // An operation the spec no longer has.
  const fewer = load("remote-rendering");
  delete fewer.paths["/accounts/{account_id}/conversions"];
  assert.throws(() => addCodeSamples(fewer, load("mixed-reality-sts")), /listConversions: described, but no operation/);
});

test("the TypeScript samples type-check against the package, and a broken one does not", () => {
  const sources = Object.fromEntries(sampledOperations().map((op) => [op.operationId, sampleOf(op, "TypeScript")]));
  const create = sources["createSession"];
  assert.ok(create);
  // One program for all (a second one would load the package's types again): the samples plus two broken
  // copies, which prove the check can fail on a misspelt method and on a body field the spec does not have.
  const diagnostics = typeCheck({
    ...sources,
    brokenMisspelt: create.replace("sessions.create(", "sessions.crate("),
    brokenField: create.replace("maxLeaseTimeMinutes:", "maxLeaseMinutes:"),
  });
  assert.deepEqual(diagnostics.filter((d) => !d.startsWith("broken")), []);
  assert.ok(diagnostics.some((d) => d.startsWith("brokenMisspelt.mts")), diagnostics.join("\n"));
  assert.ok(diagnostics.some((d) => d.startsWith("brokenField.mts")), diagnostics.join("\n"));
});

interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(script: string, env: NodeJS.ProcessEnv): Promise<ShellRun> {
  return new Promise((done) => {
    execFile("sh", ["-c", script], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe("the shell samples run against the emulator", { timeout: 120_000 }, () => {
  const binDir = join(root, ".tmp", `samples-bin-${process.pid}`);
  const emulators: Emulator[] = [];

  before(async () => {
    // `arr` on the PATH, as an installed package puts it there.
    const main = await builtCli();
    mkdirSync(binDir, { recursive: true });
    writeFileSync(join(binDir, "arr"), `#!/bin/sh\nexec "${process.execPath}" "${main}" "$@"\n`);
    chmodSync(join(binDir, "arr"), 0o755);
  });

  after(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    rmSync(binDir, { recursive: true, force: true });
  });

  /** A fresh emulator and the environment `arr emulator` would print for it, plus an access token. */
  async function environment(): Promise<NodeJS.ProcessEnv> {
    // The conversion sample reads from "a linked storage account" (the spec's example): link it where the
    // emulator knows linking (issue 9's linkedStorage); an emulator without it accepts any storage.
    const { emulator } = await startManualEmulator({ clock: createManualClock(0), linkedStorage: ["contosostorage"] });
    emulators.push(emulator);
    const token = await stsToken(emulator.url);
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARR_")));
    return {
      ...clean,
      PATH: `${binDir}:${process.env["PATH"] ?? ""}`,
      NO_COLOR: "1",
      ARR_ENDPOINT: emulator.url,
      ARR_STS_ENDPOINT: emulator.url,
      ARR_ACCOUNT_ID: ACCOUNT,
      ARR_ACCOUNT_KEY: KEY,
      ARR_TOKEN: token,
    };
  }

  for (const label of ["arr", "curl"]) {
    test(`every ${label} sample succeeds, in order, on one emulator`, async () => {
      const env = await environment();
      for (const op of sampledOperations()) {
        const run = await sh(sampleOf(op, label), env);
        assert.equal(run.code, 0, `${op.operationId} (${label}) exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
        // Every operation but the stop answers something; curl prints the body, arr the result.
        if (op.operationId !== "stopSession") assert.notEqual(run.stdout.trim(), "", `${op.operationId} (${label}) printed nothing`);
        if (label === "curl" && op.operationId !== "stopSession") JSON.parse(run.stdout);
      }
    });
  }

  test("a sample that asks for what the emulator does not have fails the run", async () => {
    const env = await environment();
    const get = sampledOperations().find((op) => op.operationId === "getSession");
    assert.ok(get);
    // Nothing was created on this emulator: both samples must exit non-zero on the 404.
    assert.notEqual((await sh(sampleOf(get, "curl"), env)).code, 0);
    assert.notEqual((await sh(sampleOf(get, "arr"), env)).code, 0);
  });
});
