// The main job: `npm start` runs `arr demo`, which must drive the whole lifecycle and exit 0. It finishes in
// seconds because its emulator runs on short times: the test checks those times as the demo announces them,
// not the wall clock (how long it takes on a loaded machine is not a behaviour; speed is the benchmarks' job).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { arr, show } from "./support.js";

test("npm start runs the demo", () => {
  const { scripts } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };
  assert.equal(scripts["start"], "tsx src/cli/main.ts demo");
});

test("arr demo drives a whole lifecycle on the embedded emulator and exits 0", async () => {
  // Through tsx on the source, exactly as `npm start` runs it. The limit only stops a hang.
  const run = await arr(["demo"], {}, { timeoutMs: 180_000, viaTsx: true });
  assert.equal(run.code, 0, show(run));
  const steps = [
    /Emulator listening on http:\/\/127\.0\.0\.1:\d+/,
    /Creating session 'demo-session'/,
    /session demo-session: Ready/,
    /^ {4}ArrInspector:\s+https:\/\/\S+:\d+$/m,
    /lease now 20 minutes/,
    /^ {4}demo-session\s+Ready\s+Standard\s+20 min/m,
    /conversion demo-conversion: Succeeded/,
    /^ {4}Output asset:\s+https:\/\/\S+\.arrAsset$/m,
    /Stopping session 'demo-session'[\s\S]*status Stopped/,
    /Done in \d+s;/,
  ];
  let at = 0;
  for (const step of steps) {
    const match = step.exec(run.stdout.slice(at));
    assert.ok(match, `demo output lacks ${step} after position ${at}:\n${show(run)}`);
    at += match.index;
  }
  // Short emulated times, so that `npm start` is over in seconds: not the emulator's defaults (5 s, 30 s).
  const times = /sessions Ready after (\d+) s, conversions take (\d+) s/.exec(run.stdout);
  assert.ok(times, `the demo announces its emulator's times:\n${show(run)}`);
  const [startupSeconds, conversionSeconds] = [Number(times[1]), Number(times[2])];
  assert.ok(startupSeconds <= 5 && conversionSeconds <= 5, `demo emulator: Ready after ${startupSeconds} s, conversions ${conversionSeconds} s`);
});
