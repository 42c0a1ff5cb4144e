// `arr emulator` ends when the process that started it goes away: `npx arr emulator & …; kill $!` (the usual
// CI pattern) kills npx's process, and the emulator would live on reparented, keeping its port and its
// data-dir lock. Node has no parent-death signal, so the parent's PID is compared with the one at start — a
// cheap check once a second. No check when the parent was already PID 1 (a container's init, or a process
// started detached): a change can then not be seen, and such an emulator is meant to run on its own.

export interface ParentWatch {
  stop(): void;
}

export interface ParentWatchOptions {
  /** The parent PID at start. */
  readonly initial: number;
  /** The parent PID now. */
  readonly current: () => number;
  /** Runs `check` periodically until stopped (default: every second, not keeping the process alive). */
  readonly every?: (check: () => void) => { stop(): void };
  readonly onGone: () => void;
}

function everySecond(check: () => void): { stop(): void } {
  const timer = setInterval(check, 1000).unref();
  return { stop: () => clearInterval(timer) };
}

/** Calls `onGone` once when the parent PID changes; undefined (no watch) when the parent was PID 1. */
export function watchParent(options: ParentWatchOptions): ParentWatch | undefined {
  if (options.initial <= 1) return undefined;
  const every = options.every ?? everySecond;
  let done = false;
  const ticker = every(() => {
    if (done || options.current() === options.initial) return;
    done = true;
    ticker.stop();
    options.onGone();
  });
  return {
    stop() {
      done = true;
      ticker.stop();
    },
  };
}
