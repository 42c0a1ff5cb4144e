// The in-process emulator as the test suites use it: started on 127.0.0.1, port 0, on a manual clock with its
// log kept; STS tokens and account calls over plain fetch; a client clock on the emulator's timeline (a client
// sleep moves emulated time, so backoff, polling and Retry-After cost no real time); and a client of the
// development account. One copy, shared by test/emulator, test/reliability and test/client.
import { constraints } from "../../generated/constraints.js";
import {
  DEVELOPMENT_ACCOUNT_ID,
  DEVELOPMENT_ACCOUNT_KEY,
  createManualClock,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ManualClock,
} from "../../src/emulator/index.js";
import { createRemoteRenderingClient, type Clock, type RemoteRenderingClient, type RemoteRenderingClientOptions } from "../../src/index.js";

export const API = `api-version=${constraints.apiVersion}`;
export const STS_API = `api-version=${constraints.stsApiVersion}`;
export const ACCOUNT = DEVELOPMENT_ACCOUNT_ID;
export const KEY = DEVELOPMENT_ACCOUNT_KEY;

/** An HTTP answer read whole: the body parsed as JSON where it is JSON, else the text. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

/** A body's JSON value; the text itself when it is not JSON; undefined when empty. */
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: parseBody(text) };
}

export interface ManualEmulator {
  readonly emulator: Emulator;
  /** The emulator's clock: moves only when a test (or a {@link virtualClock} sleep) advances it. */
  readonly clock: ManualClock;
  readonly url: string;
  /** Every line the emulator logged. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** Starts an emulator (default 127.0.0.1, port 0) on a manual clock (`options.clock`, or a new one), keeping its log. */
export async function startManualEmulator(options: EmulatorOptions = {}): Promise<ManualEmulator> {
  const clock = options.clock === undefined ? createManualClock() : (options.clock as ManualClock);
  const logs: string[] = [];
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, log: (line) => logs.push(line), ...options, clock });
  return { emulator, clock, url: emulator.url, logs, close: () => emulator.close() };
}

/** Fetches an STS token of an account; throws `STS answered <status>` when the exchange fails. */
export async function stsToken(url: string, accountId = ACCOUNT, accountKey = KEY): Promise<string> {
  const r = await fetch(`${url}/Accounts/${accountId}/token?${STS_API}`, {
    headers: { Authorization: `Bearer ${accountId}:${accountKey}` },
  });
  const body = parseBody(await r.text()) as { AccessToken?: unknown } | undefined;
  if (r.status !== 200 || typeof body?.AccessToken !== "string") throw new Error(`STS answered ${r.status}`);
  return body.AccessToken;
}

/** Calls `/accounts/<account><path>` with `api-version` added, a bearer token and a JSON body if any. */
export async function callAccount(
  url: string,
  method: string,
  path: string,
  body: unknown,
  auth: { readonly token: string; readonly account: string },
): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${auth.token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const separator = path.includes("?") ? "&" : "?";
  const response = await fetch(`${url}/accounts/${auth.account}${path}${separator}${API}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return reply(response);
}

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
  /** Runs before each sleep moves time (awaited): a test's chance to act between two reads. */
  beforeAdvance: (() => Promise<void> | void) | undefined;
  /** Runs after each sleep moved time; may abort the caller's controller. */
  afterAdvance: ((now: number) => void) | undefined;
}

/**
 * A client clock on top of the emulator's manual clock: a sleep moves emulated time forward and resolves at
 * once, after a turn of the event loop (so answers in flight and other requests land first). The hooks let a
 * test act at a moment of virtual time — abort at a deadline, or do something before time moves on.
 */
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

/** A client of the development account against an emulator's URL (ARR and STS alike); `options` add or override. */
export function developmentClient(url: string, options: Partial<RemoteRenderingClientOptions> = {}): RemoteRenderingClient {
  return createRemoteRenderingClient({
    endpoint: url,
    stsEndpoint: url,
    accountId: ACCOUNT,
    credential: { accountKey: KEY },
    ...options,
  });
}
