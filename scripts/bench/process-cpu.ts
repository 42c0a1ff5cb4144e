// CPU time another process has used so far, from /proc (Linux): for the servers the benchmarks start as
// child processes, whose own CPU per request is the figure.
import { readFileSync } from "node:fs";

const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node supports

/** User + system CPU of process `pid` in µs, or undefined where /proc is not available. */
export function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
