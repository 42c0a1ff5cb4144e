// Shared pieces of the reliability suite: an in-process emulator (test/support/in-process-emulator.ts) holding a
// token, a raw HTTP/1.1 client (for requests fetch refuses to send), and a fetch that records what reaches the wire.
import { connect } from "node:net";
import type { EmulatorOptions } from "../../src/emulator/index.js";
import type { FetchLike } from "../../src/index.js";
import { ACCOUNT, callAccount, parseBody, startManualEmulator, stsToken, type ManualEmulator, type Reply } from "../support/in-process-emulator.js";

export { ACCOUNT, API, KEY, STS_API, reply, stsToken, virtualClock, type Reply } from "../support/in-process-emulator.js";
export const DOMAIN = "eastus.mixedreality.azure.com";

export interface Harness extends ManualEmulator {
  readonly token: string;
  /** Calls `/accounts/<account>/<path>` with `api-version` added and the harness token (or `init.token`). */
  call(method: string, path: string, body?: unknown, init?: { token?: string; account?: string }): Promise<Reply>;
}

/** Starts an in-process emulator on 127.0.0.1:0 with a manual clock and fetches a development token. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  // The workloads convert from the storage account `contoso`, some without SAS: linked explicitly, as the service needs.
  const started = await startManualEmulator({ linkedStorage: ["contoso"], ...options });
  const { emulator, url } = started;
  let token: string;
  try {
    // An emulator with injected faults may fail the exchange too: those are retried.
    for (let attempt = 1; ; attempt++) {
      try {
        token = await stsToken(url, emulator.accounts[0]?.accountId, emulator.accounts[0]?.accountKey);
        break;
      } catch (error) {
        if (attempt >= 20 || !/answered 50[03]$/.test((error as Error).message)) throw error;
      }
    }
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const call: Harness["call"] = (method, path, body, init = {}) =>
    callAccount(url, method, path, body, { token: init.token ?? token, account: init.account ?? emulator.accounts[0]?.accountId ?? ACCOUNT });
  return { ...started, token, call };
}

/** A raw HTTP/1.1 answer. */
export interface RawReply {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly body: unknown;
}

/**
 * Sends bytes as they are (no validation, no normalisation) and reads one answer. The request should carry
 * `Connection: close`; the answer ends at its Content-Length or when the server closes. Rejects when the
 * server drops the connection without answering, or after `timeoutMs`.
 */
export function rawRequest(url: string, head: string, body: Buffer | string = "", timeoutMs = 10_000): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms to ${head.split("\r\n")[0] ?? ""}`)), timeoutMs);
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (error !== undefined) return reject(error);
      const parsed = parseRaw(Buffer.concat(chunks));
      if (parsed === undefined) return reject(new Error(`connection closed without an answer to ${JSON.stringify(head.slice(0, 200))}`));
      resolve(parsed);
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const parsed = parseRaw(Buffer.concat(chunks));
      if (parsed !== undefined && parsed.complete) finish();
    });
    // A server may answer (413) and close while we are still writing: EPIPE/ECONNRESET after an answer is fine.
    socket.on("error", () => finish());
    socket.on("close", () => finish());
    socket.on("connect", () => {
      socket.write(head);
      const payload = typeof body === "string" ? Buffer.from(body) : body;
      if (payload.length > 0) socket.write(payload);
    });
  });
}

function parseRaw(data: Buffer): (RawReply & { complete: boolean }) | undefined {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const length = headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
  const complete = length !== undefined && rest.length >= length;
  const text = rest.subarray(0, length ?? rest.length).toString("utf8");
  return { status, headers, text, body: parseBody(text), complete };
}

export interface RecordingFetch {
  readonly fetch: FetchLike;
  /** `METHOD url` of every request the client handed to fetch. */
  readonly requests: string[];
}

/** A fetch that records every request and then fails it (or passes it on to `next`). */
export function recordingFetch(next?: FetchLike): RecordingFetch {
  const requests: string[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      requests.push(`${input.method} ${input.url}`);
      if (next === undefined) throw new TypeError("fetch failed: the recording fetch sends nothing");
      return next(input, init);
    },
  };
}

/** A seeded generator (mulberry32) for test-side randomness that must repeat. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
