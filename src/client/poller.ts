// Polls a get until the resource reaches a terminal state. Waits go through the client's clock, on a fixed
// interval: the service was never seen sending Retry-After on a get, so nothing depends on it; when an
// answer carries one, it sets the next wait. A 429 that outlasted the transport's retries is waited out
// rather than ending the poll.
import { retryAfterSeconds } from "../errors/from-response.js";
import { isRemoteRenderingError } from "../errors/guards.js";
import { throwIfAborted } from "../transport/abort.js";
import type { ClientContext } from "./context.js";
import type { WaitOptions } from "./types.js";

/** One answer of the polled get. */
export interface Observation<T> {
  readonly value: T;
  readonly response: Response;
}

/** What a poll is made of. */
export interface PollSpec<T, R extends T = T> {
  get(signal: AbortSignal | undefined): Promise<Observation<T>>;
  /** The state the caller waits for. */
  isDone(value: T): value is R;
  /** An error when `value` is a terminal state other than the awaited one. */
  failure(value: T, response: Response): Error | undefined;
  /** The default interval for this state (when neither Retry-After nor `intervalMs` says otherwise). */
  defaultIntervalMs(value: T | undefined): number;
}

/** Polls until `isDone`, rejecting on `failure`, on an error of the get, or with the signal's reason. */
export async function poll<T, R extends T = T>(context: ClientContext, spec: PollSpec<T, R>, options: WaitOptions<T> | undefined): Promise<R> {
  const signal = options?.signal;
  let last: T | undefined;
  for (;;) {
    throwIfAborted(signal);
    let waitMs: number;
    try {
      const { value, response } = await spec.get(signal);
      last = value;
      options?.onProgress?.(value);
      if (spec.isDone(value)) return value;
      const error = spec.failure(value, response);
      if (error) throw error;
      const after = retryAfterSeconds(response.headers, context.clock.now());
      waitMs = after !== undefined ? after * 1000 : (options?.intervalMs ?? spec.defaultIntervalMs(value));
    } catch (error) {
      if (!isRemoteRenderingError(error, 429)) throw error;
      waitMs = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : (options?.intervalMs ?? spec.defaultIntervalMs(last));
    }
    await context.clock.sleep(waitMs, signal);
  }
}
