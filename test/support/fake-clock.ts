// A clock for tests: time moves only when the client sleeps (auto mode) or when the test says (manual mode),
// and every requested sleep is recorded, so backoff, Retry-After and polling run without real waiting.
import type { Clock } from "../../src/index.js";

/** A Clock whose time the test controls. */
export interface FakeClock extends Clock {
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[];
  /** Moves time forward; in manual mode, resolves the sleeps that are due. */
  advance(ms: number): void;
  /** Resolves with the duration of the next sleep that is asked for (or the pending one). */
  nextSleep(): Promise<number>;
  /** Sleeps not yet resolved (manual mode). */
  readonly pending: number;
}

/** Options of createFakeClock. */
export interface FakeClockOptions {
  /** Start time in ms since the epoch (default 2024-01-01T00:00:00Z). */
  start?: number;
  /** Auto mode (default): each sleep advances time and resolves at once. Manual: sleeps wait for advance(). */
  auto?: boolean;
}

/** Creates a fake clock. */
export function createFakeClock(options: FakeClockOptions = {}): FakeClock {
  let now = options.start ?? Date.parse("2024-01-01T00:00:00Z");
  const auto = options.auto ?? true;
  const sleeps: number[] = [];
  const waiting: { at: number; resolve: () => void }[] = [];
  let listeners: ((ms: number) => void)[] = [];

  const clock: FakeClock = {
    sleeps,
    now: () => now,
    get pending() {
      return waiting.length;
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      const notify = listeners;
      listeners = [];
      for (const listener of notify) listener(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (auto) {
        now += ms;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const entry = { at: now + ms, resolve: () => resolve() };
        waiting.push(entry);
        signal?.addEventListener(
          "abort",
          () => {
            waiting.splice(waiting.indexOf(entry), 1);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    advance(ms) {
      now += ms;
      for (const entry of [...waiting].filter((w) => w.at <= now)) {
        waiting.splice(waiting.indexOf(entry), 1);
        entry.resolve();
      }
    },
    nextSleep() {
      return new Promise((resolve) => listeners.push(resolve));
    },
  };
  return clock;
}
