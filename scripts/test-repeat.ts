// Runs test files N times in a row, one run after the other, and counts the runs that failed: the way to show a
// test is deterministic before it joins the suite (a flaky gate costs landings).
//
//   npm run test:repeat -- test/docs/browser.test.ts 20
//   npm run test:repeat -- test/cli/sessions.test.ts test/emulator/lifecycle.test.ts 10
//   npm run test:repeat -- all 5          # the whole of `npm run test:unit`, five times
//
// Every run is a fresh `node --test` process with the same flags as `npm test`. A failed run's output is kept
// in a log file whose path is printed, so the one failure in twenty can be read afterwards.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface RepeatPlan {
  files: string[];
  times: number;
}

/** Every `*.test.ts` below `test/`, sorted, as `npm run test:unit` runs them. */
export function allTestFiles(dir = join(root, "test")): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return allTestFiles(path);
      return name.endsWith(".test.ts") ? [relative(root, path)] : [];
    })
    .sort();
}

/** Reads `<file...> <n>`; `all` stands for every test file. Throws a usage message on anything else. */
export function parseRepeatArgs(args: readonly string[]): RepeatPlan {
  const usage = "usage: npm run test:repeat -- <test file...|all> <times>";
  const last = args.at(-1);
  const times = last === undefined ? Number.NaN : Number(last);
  if (args.length < 2 || !Number.isInteger(times) || times < 1) throw new Error(`${usage} (times: a whole number ≥ 1)`);
  const named = args.slice(0, -1);
  const files = named.includes("all") ? allTestFiles() : named;
  for (const file of files) {
    if (!statSync(resolve(root, file), { throwIfNoEntry: false })?.isFile()) throw new Error(`${usage}: no file ${file}`);
  }
  return { files, times };
}

interface RunResult {
  ok: boolean;
  seconds: number;
  output: string;
}

function runOnce(files: readonly string[]): Promise<RunResult> {
  const started = process.hrtime.bigint();
  // TAP, whatever the terminal, so that the count of tests run can be read; and without the NODE_TEST_CONTEXT a
  // test runner hands its children, or a nested run would report to the runner above instead of printing.
  const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
  const args = ["--import", "tsx", "--test", "--test-reporter=tap", "--test-concurrency=2", ...files];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const output = Buffer.concat(chunks).toString("utf8");
      // node --test exits 0 on "# tests 0" too: a run that executed no test is a failure here.
      const ran = /^# tests [1-9]/m.test(output);
      done({ ok: code === 0 && ran, seconds, output });
    });
  });
}

export async function repeat(plan: RepeatPlan, print: (line: string) => void = console.log): Promise<number> {
  const logs = mkdtempSync(join(tmpdir(), "arr-test-repeat-"));
  const label = plan.files.length === 1 ? plan.files[0] : `${plan.files.length} files`;
  let failed = 0;
  for (let run = 1; run <= plan.times; run++) {
    const result = await runOnce(plan.files);
    const where = join(logs, `run-${run}.log`);
    if (!result.ok) {
      failed++;
      writeFileSync(where, result.output);
    }
    print(`run ${run}/${plan.times} of ${label}: ${result.ok ? "pass" : `FAIL (output in ${where})`} in ${result.seconds.toFixed(1)} s`);
  }
  print(`${plan.times - failed} runs passed, ${failed} failed`);
  return failed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const failed = await repeat(parseRepeatArgs(process.argv.slice(2)));
    process.exitCode = failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
