// When to try again and how long to wait: 429 waits Retry-After; 5xx and connection resets back off
// exponentially with full jitter.

/**
 * Retry settings. Defaults: 3 retries, 500 ms initial delay, 30 s maximum delay. A 429 waits its
 * `Retry-After` as given (not capped by `maxDelayMs`); 500, 502, 503, 504 and connection resets back off
 * exponentially with full jitter: a random delay between 0 and `min(maxDelayMs, initialDelayMs · 2^n)`.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Upper bound of the first backoff delay in ms (default 500). */
  initialDelayMs?: number;
  /** Upper bound of any backoff delay in ms (default 30 000). */
  maxDelayMs?: number;
}

/** RetryOptions with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** The defaults of {@link RetryOptions}. */
export const defaultRetryPolicy: RetryPolicy = { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 30_000 };

/** The policy for the client option `retry` (`false` turns retries off). */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...defaultRetryPolicy, maxRetries: 0 };
  return { ...defaultRetryPolicy, ...options };
}

/** Statuses worth another attempt: throttling and transient server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Full-jitter backoff before retry number `retry` (0-based). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return random() * cap;
}
