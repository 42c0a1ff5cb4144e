// Runs a command body with Ctrl-C wired to an AbortSignal and turns whatever it throws into an exit code and a
// report on stderr (see failure.ts). Every command that talks to the service goes through here.
import { describeFailure } from "./failure.js";
import { listenForInterrupt } from "./interrupt.js";
import type { Output } from "./output.js";
import { UsageError } from "./usage-error.js";
import { usageReport } from "./usage-report.js";

/**
 * `body` gets the Ctrl-C signal and, for commands that end an interrupt on their own terms (the lease keeper
 * says what it leaves behind), the exit code of the signal received.
 */
export async function guarded(
  out: Output,
  command: string,
  body: (signal: AbortSignal, interruptCode: () => number | undefined) => Promise<number>,
): Promise<number> {
  const interrupt = listenForInterrupt();
  try {
    return await body(interrupt.signal, () => interrupt.exitCode);
  } catch (error) {
    if (interrupt.exitCode !== undefined) {
      out.error({ summary: "interrupted", details: [], json: { code: "Interrupted", message: "interrupted" } });
      return interrupt.exitCode;
    }
    if (error instanceof UsageError) {
      out.error(usageReport(error));
      return 2;
    }
    const failure = describeFailure(error, command);
    out.error(failure.report);
    return failure.exitCode;
  } finally {
    interrupt.dispose();
  }
}
