// Runs a command body with Ctrl-C wired to an AbortSignal and turns whatever it throws into an exit code and a
// report on stderr (see failure.ts). Every command that talks to the service goes through here. When the command
// stops waiting (Ctrl-C, --timeout) after it started something in the service, `aftermath` says what goes on
// and how to stop it.
import { WaitTimeoutError, type Aftermath } from "./aftermath.js";
import { describeFailure } from "./failure.js";
import { listenForInterrupt } from "./interrupt.js";
import type { Output } from "./output.js";
import { UsageError } from "./usage-error.js";
import { usageReport } from "./usage-report.js";

export interface GuardOptions {
  /** What goes on in the service if the command stops now (undefined while nothing was started). */
  aftermath?: () => Aftermath | undefined;
}

/**
 * `body` gets the Ctrl-C signal and, for commands that end an interrupt on their own terms (the lease keeper
 * says what it leaves behind), the exit code of the signal received.
 */
export async function guarded(
  out: Output,
  command: string,
  body: (signal: AbortSignal, interruptCode: () => number | undefined) => Promise<number>,
  options: GuardOptions = {},
): Promise<number> {
  const interrupt = listenForInterrupt();
  try {
    return await body(interrupt.signal, () => interrupt.exitCode);
  } catch (error) {
    const after = options.aftermath?.();
    if (interrupt.exitCode !== undefined) {
      out.error({
        summary: "interrupted",
        details: after?.lines ?? [],
        json: { code: "Interrupted", message: "interrupted", ...after?.json },
      });
      return interrupt.exitCode;
    }
    if (error instanceof WaitTimeoutError) {
      out.error({ summary: error.message, details: after?.lines ?? [], json: { code: "WaitTimeout", message: error.message, ...after?.json } });
      return 1;
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
