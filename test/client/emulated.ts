// Client and emulator on one virtual clock: the emulator reads a manual clock, and each client sleep moves it
// (after a turn of the event loop, so answers in flight land first). Hooks let a test act at a moment of
// virtual time — abort at a deadline, or do something before time moves on — without any real wait.
import {
  DEVELOPMENT_ACCOUNT_ID,
  DEVELOPMENT_ACCOUNT_KEY,
  createManualClock,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ManualClock,
} from "../../src/emulator/index.js";
import { createRemoteRenderingClient, type Clock, type FetchLike, type RemoteRenderingClient } from "../../src/index.js";

export const MINUTE = 60_000;

/** One answer the client received, with the virtual time it came at. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly at: number;
  readonly body: unknown;
}

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
  /** Runs before each sleep moves time (awaited): a test's chance to act between two reads. */
  beforeAdvance: (() => Promise<void> | void) | undefined;
  /** Runs after each sleep moved time; may abort the caller's controller. */
  afterAdvance: ((now: number) => void) | undefined;
}

export function virtualClock(manual: ManualClock): VirtualClock {
  const clock: VirtualClock = {
    sleeps: [],
    beforeAdvance: undefined,
    afterAdvance: undefined,
    now: () => manual.now(),
    async sleep(ms, signal) {
      clock.sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
      await new Promise<void>((resolve) => setImmediate(resolve));
      await clock.beforeAdvance?.();
      if (signal?.aborted) throw signal.reason;
      manual.advance(ms);
      clock.afterAdvance?.(manual.now());
      if (signal?.aborted) throw signal.reason;
    },
  };
  return clock;
}

/** A fetch that records every answer (status and JSON body) with the virtual time. */
export function recording(
  manual: ManualClock,
  exchanges: Exchange[],
  before?: (request: Request) => Promise<void>,
  answer?: (request: Request) => Response | undefined,
): FetchLike {
  return async (input, init) => {
    await before?.(input);
    const response = answer?.(input) ?? (await fetch(input, init));
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    exchanges.push({ method: input.method, url: input.url, status: response.status, at: manual.now(), body });
    return response;
  };
}

export interface ClientOptions {
  /** The region's URL (default: the first region). */
  url?: string;
  /** Runs before each request is sent. */
  before?: (request: Request) => Promise<void>;
  /** Record into `exchanges` (default true). */
  record?: boolean;
  /** Another clock (default: the shared virtual clock). */
  clock?: Clock;
  maxRetries?: number;
  /** Answers instead of the emulator when it returns a Response (e.g. a scripted 503). */
  answer?: (request: Request) => Response | undefined;
}

export interface Emulated {
  readonly emulator: Emulator;
  readonly manual: ManualClock;
  readonly clock: VirtualClock;
  readonly logs: string[];
  readonly exchanges: Exchange[];
  /** A client of a region (default: the first) on the virtual clock, recording into `exchanges`. */
  client(options?: ClientOptions): RemoteRenderingClient;
  close(): Promise<void>;
}

export async function emulated(options: EmulatorOptions = {}): Promise<Emulated> {
  const manual = createManualClock();
  const logs: string[] = [];
  const emulator = await startEmulator({ clock: manual, log: (line) => logs.push(line), startupSeconds: 5, ...options });
  const clock = virtualClock(manual);
  const exchanges: Exchange[] = [];
  return {
    emulator,
    manual,
    clock,
    logs,
    exchanges,
    client: (o = {}) => {
      const url = o.url ?? emulator.url;
      return createRemoteRenderingClient({
        endpoint: url,
        stsEndpoint: url,
        accountId: DEVELOPMENT_ACCOUNT_ID,
        credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY },
        clock: o.clock ?? clock,
        random: () => 0.5,
        retry: { maxRetries: o.maxRetries ?? 3, initialDelayMs: 200, maxDelayMs: 2_000 },
        ...(o.record === false ? {} : { fetch: recording(manual, exchanges, o.before, o.answer) }),
      });
    },
    close: () => emulator.close(),
  };
}
