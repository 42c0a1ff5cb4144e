// Client and emulator on one virtual clock: the emulator reads a manual clock, and each client sleep moves it
// (after a turn of the event loop, so answers in flight land first). Hooks let a test act at a moment of
// virtual time — abort at a deadline, or do something before time moves on — without any real wait.
// Starting the emulator, the clock and the client are test/support/in-process-emulator.ts; this adds the
// recording of every answer with its virtual time.
import type { EmulatorOptions, ManualClock } from "../../src/emulator/index.js";
import type { Clock, FetchLike, RemoteRenderingClient } from "../../src/index.js";
import { developmentClient, parseBody, startManualEmulator, virtualClock, type ManualEmulator, type VirtualClock } from "../support/in-process-emulator.js";

export const MINUTE = 60_000;

/** One answer the client received, with the virtual time it came at. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly at: number;
  readonly body: unknown;
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
    const body = parseBody(await response.clone().text());
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

export interface Emulated extends Omit<ManualEmulator, "clock" | "url"> {
  readonly manual: ManualClock;
  readonly clock: VirtualClock;
  readonly exchanges: Exchange[];
  /** A client of a region (default: the first) on the virtual clock, recording into `exchanges`. */
  client(options?: ClientOptions): RemoteRenderingClient;
}

export async function emulated(options: EmulatorOptions = {}): Promise<Emulated> {
  const { emulator, clock: manual, logs, close } = await startManualEmulator({ startupSeconds: 5, ...options });
  const clock = virtualClock(manual);
  const exchanges: Exchange[] = [];
  return {
    emulator,
    manual,
    clock,
    logs,
    exchanges,
    client: (o = {}) =>
      developmentClient(o.url ?? emulator.url, {
        clock: o.clock ?? clock,
        random: () => 0.5,
        retry: { maxRetries: o.maxRetries ?? 3, initialDelayMs: 200, maxDelayMs: 2_000 },
        ...(o.record === false ? {} : { fetch: recording(manual, exchanges, o.before, o.answer) }),
      }),
    close,
  };
}
