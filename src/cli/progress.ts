// The progress of a wait: on a terminal one live line (spinner, status, elapsed time) redrawn in place; anywhere
// else (pipes, CI logs, tests) one plain line per status change, so logs stay readable. Written to stderr by
// default, so stdout keeps only the result (and stays pure JSON with --json).

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Progress {
  /** Reports the status now observed; plain mode prints only when it changed. */
  update(status: string): void;
  /** Ends the line (TTY: leaves a final line with the last status and the elapsed time). */
  stop(): void;
}

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

export function createProgress(
  label: string,
  options: { stream?: ProgressStream; tty?: boolean; now?: () => number } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? Date.now;
  const started = now();
  let status: string | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;

  const render = (): void => {
    const spinner = frames[frame++ % frames.length] ?? "";
    stream.write(`\r\x1b[2K${spinner} ${label}: ${status ?? "…"} (${formatElapsed(now() - started)})`);
  };

  return {
    update(next) {
      if (tty) {
        status = next;
        render();
        // Redraw for the elapsed time between polls; unref'd so a forgotten stop() cannot keep the process alive.
        timer ??= setInterval(render, 100).unref();
      } else if (next !== status) {
        status = next;
        stream.write(`${label}: ${next} (${formatElapsed(now() - started)})\n`);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty && status !== undefined) stream.write(`\r\x1b[2K${label}: ${status} after ${formatElapsed(now() - started)}\n`);
    },
  };
}
