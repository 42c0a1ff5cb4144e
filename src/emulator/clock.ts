// The emulator's only source of time. Session states, leases, conversions, token expiry and throttling all
// read this clock, so tests move time with a manual clock instead of sleeping.

/** A source of the current time in milliseconds since the epoch (fractions allowed). */
export interface Clock {
  now(): number;
}

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to `ms` milliseconds since the epoch. */
  set(ms: number): void;
}

/** Creates a manual clock starting at `startMs` (default 2021-01-01T00:00:00Z). */
export function createManualClock(startMs: number = Date.UTC(2021, 0, 1)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("A manual clock only moves forward by a finite amount.");
      current += ms;
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError("A manual clock needs a finite time.");
      current = ms;
    },
  };
}
