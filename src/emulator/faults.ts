// Injected trouble: a seeded share of requests fails with 500/503 (decided before anything else happens,
// so a failed request changed nothing), and a per-id rate limit answers 429 with Retry-After.
import type { Clock } from "./clock.js";

/** mulberry32: a small, fast, seedable generator; the same seed gives the same sequence. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  readonly #rate: number;
  readonly #next: () => number;

  constructor(rate: number, seed: number) {
    this.#rate = rate;
    this.#next = generator(seed);
  }

  /** 500 or 503 for a request chosen to fail, else undefined. One draw per request, in arrival order. */
  decide(): 500 | 503 | undefined {
    if (this.#rate === 0) return undefined;
    if (this.#next() >= this.#rate) return undefined;
    return this.#next() < 0.5 ? 500 : 503;
  }
}

const WINDOW_MS = 10_000;
// Ids whose window has passed are forgotten once this many are tracked, so random ids cannot grow the map.
const PRUNE_AT = 10_000;

/** At most `limit` requests per key in any 10 s of the clock (a sliding window over accepted requests). */
export class Throttle {
  readonly #limit: number;
  readonly #clock: Clock;
  readonly #accepted = new Map<string, number[]>();

  constructor(limit: number, clock: Clock) {
    this.#limit = limit;
    this.#clock = clock;
  }

  /** Records a request for `key`; returns undefined when allowed, else the whole seconds until one is. */
  check(key: string): number | undefined {
    const now = this.#clock.now();
    let times = this.#accepted.get(key);
    if (times === undefined) {
      if (this.#accepted.size >= PRUNE_AT) this.#prune(now);
      times = [];
      this.#accepted.set(key, times);
    }
    while (times.length > 0 && (times[0] ?? 0) + WINDOW_MS <= now) times.shift();
    if (times.length < this.#limit) {
      times.push(now);
      return undefined;
    }
    const waitMs = (times[0] ?? now) + WINDOW_MS - now;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  #prune(now: number): void {
    for (const [key, times] of this.#accepted) {
      const last = times[times.length - 1];
      if (last === undefined || last + WINDOW_MS <= now) this.#accepted.delete(key);
    }
  }
}
