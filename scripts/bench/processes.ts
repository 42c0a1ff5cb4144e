// Child processes for the benchmarks: timing whole commands, and servers that announce their URL on stdout.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export const root = new URL("../..", import.meta.url).pathname;

/** Wall time in milliseconds of one run of `node <args>`; throws when it exits non-zero. */
export function timeNode(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node <args>` and waits for a line with an http(s)://127.0.0.1:<port> URL on its stdout. */
export function startServerProcess(args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once("exit", (code) => reject(new Error(`node ${args.join(" ")} exited ${code} before listening`)));
    lines.on("line", (line) => {
      const match = /https?:\/\/127\.0\.0\.1:\d+/.exec(line);
      if (!match) return;
      lines.removeAllListeners("line");
      child.stdout!.resume();
      resolve({
        url: match[0],
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
