// Runs `arr` as a real child process (plain node on the transpiled CLI, see build.ts; `viaTsx` runs
// src/cli/main.ts through tsx exactly as `npm start` does) and starts emulators in this test process on
// 127.0.0.1 port 0 with short times. Every output captured is kept, so a test can scan all of it for secrets.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { builtCli } from "./build.js";
import { childTransportArgs } from "../support/transport-under-test.js";
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, startEmulator, type EmulatorOptions } from "../../src/emulator/index.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const mainTs = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
export { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY };

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly args: readonly string[];
}

/** Everything any `arr` run printed in this test file, with the args that produced it. */
export const captured: Run[] = [];

/** The environment of a child: this process's, minus any ARR_* (a developer's shell must not leak in). */
function childEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARR_")));
  return { ...clean, NO_COLOR: "1", ...env };
}

export async function spawnArr(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: { viaTsx?: boolean } = {},
): Promise<ChildProcess> {
  const entry = options.viaTsx ? ["--import", "tsx", mainTs] : [await builtCli()];
  return spawn(process.execPath, [...childTransportArgs, ...entry, ...args], { cwd: root, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
}

/** Collects a child's output until it exits; `onStderr`/`onStdout` see the text so far (to act mid-run). */
export function collect(
  child: ChildProcess,
  args: readonly string[],
  hooks: { onStdout?: (all: string) => void; onStderr?: (all: string) => void; timeoutMs?: number } = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    hooks.onStdout?.(stdout);
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    hooks.onStderr?.(stderr);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`arr ${args.join(" ")} did not exit within ${hooks.timeoutMs ?? 30_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, hooks.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const run = { code, signal, stdout, stderr, args };
      captured.push(run);
      resolve(run);
    });
  });
}

/** Runs `arr …` to completion. */
export async function arr(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: { timeoutMs?: number; viaTsx?: boolean } = {},
): Promise<Run> {
  const child = await spawnArr(args, env, options.viaTsx === undefined ? {} : { viaTsx: options.viaTsx });
  return collect(child, args, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
}

export interface TestEmulator {
  readonly url: string;
  /** ARR_* variables that point the CLI at this emulator's first account. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts an emulator in this process with short times (sessions Ready after 1 s, conversions in 1.5 s). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, startupSeconds: 1, conversionSeconds: 1.5, ...options });
  const accountId = options.accountId ?? DEVELOPMENT_ACCOUNT_ID;
  const accountKey = options.accountKey ?? DEVELOPMENT_ACCOUNT_KEY;
  return {
    url: emulator.url,
    env: {
      ARR_ENDPOINT: emulator.url,
      ARR_STS_ENDPOINT: emulator.url,
      ARR_ACCOUNT_DOMAIN: "eastus.mixedreality.azure.com",
      ARR_ACCOUNT_ID: accountId,
      ARR_ACCOUNT_KEY: accountKey,
      // An https emulator (issue 12): the CLI trusts its development CA through ARR_CA_FILE, as the banner says.
      ...(emulator.tls?.caFile === undefined ? {} : { ARR_CA_FILE: emulator.tls.caFile }),
    },
    close: () => emulator.close(),
  };
}

/** Parses a run's stdout as JSON, with the run in the message when it is not. */
export function json(run: Run): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout of 'arr ${run.args.join(" ")}' is not JSON:\n${run.stdout}\nstderr: ${run.stderr}`);
  }
}

/** Parses a run's stderr as the `{"error": {...}}` of --json mode. */
export function jsonError(run: Run): Record<string, unknown> {
  const parsed: unknown = JSON.parse(run.stderr);
  if (typeof parsed !== "object" || parsed === null || !("error" in parsed) || typeof parsed.error !== "object" || parsed.error === null) {
    throw new Error(`stderr is not {"error": {...}}: ${run.stderr}`);
  }
  return parsed.error as Record<string, unknown>;
}

/** A readable dump of a run for assertion messages. */
export const show = (run: Run): string =>
  `arr ${run.args.join(" ")} → ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
