// The one source of time for every wait (backoff, Retry-After, polling, token expiry), so tests can replace it.

/**
 * Time as the client sees it. Inject one (option `clock`) to run backoff, `Retry-After`, polling and token
 * expiry without real waiting.
 *
 * @example
 * ```ts
 * let now = Date.parse("2024-01-01T00:00:00Z");
 * const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects at once with `signal.reason` when the signal aborts (or has
   * already aborted).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
