// Ctrl-C while a command runs: the first SIGINT (or SIGTERM) aborts the command's signal, so the client's call or
// wait rejects at once and the command ends cleanly with 130 (143 for SIGTERM); a second one exits immediately.

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code for the signal received (130 or 143), or undefined if none came. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
}

export function listenForInterrupt(): Interrupt {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const code = name === "SIGINT" ? 130 : 143;
    const handler = (): void => {
      if (controller.signal.aborted) process.exit(exitCode ?? code);
      exitCode = code;
      controller.abort(new InterruptedError(`interrupted by ${name}`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
