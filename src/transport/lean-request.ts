// The Request class openapi-fetch builds the client's requests with when they go to the Node transport. A
// global Request (undici's) costs more to build than node:http takes to send it — its constructor re-parses the
// URL, copies the headers and makes a signal that follows the caller's — and the transport clones it again for
// every attempt with a body. This one keeps what it is given: the URL string, openapi-fetch's Headers, the
// caller's own signal and the serialised body. It has what the transport, the Node fetch and a raw middleware
// use (url, method, headers, signal, body, clone, text, json, arrayBuffer); `instanceof` it is true for any
// Request too, so a middleware may still return a global Request. Never handed to a fetch of the user's own.

import { neverAborts } from "./client-request.js";

const encoder = new TextEncoder();

type LeanInit = Pick<RequestInit, "method" | "headers" | "signal" | "body">;

export class LeanRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly #body: string | Uint8Array<ArrayBuffer> | null;

  constructor(input: string | URL, init: LeanInit = {}) {
    this.url = typeof input === "string" ? input : input.href;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? neverAborts;
    const body = init.body;
    if (body === undefined || body === null) this.#body = null;
    else if (typeof body === "string") this.#body = body;
    else if (body instanceof Uint8Array) this.#body = body as Uint8Array<ArrayBuffer>;
    else if (body instanceof URLSearchParams) this.#body = body.toString();
    else throw new TypeError("The Node transport sends string, Uint8Array and URLSearchParams bodies only");
  }

  /** Any Request counts as one: openapi-fetch checks what a middleware returns with `instanceof`. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request || LeanRequest.isLean(value);
  }

  /** True for a LeanRequest only (unlike `instanceof`). */
  static isLean(value: unknown): value is LeanRequest {
    return typeof value === "object" && value !== null && #body in value;
  }

  /** The body's bytes, or undefined without one (what the Node fetch sends). */
  static bytesOf(request: LeanRequest): Uint8Array | undefined {
    const body = request.#body;
    return body === null ? undefined : typeof body === "string" ? encoder.encode(body) : body;
  }

  /** Null without a body; otherwise a stream of it (for code that reads `body` as a Request's). */
  get body(): ReadableStream<Uint8Array> | null {
    const bytes = LeanRequest.bytesOf(this);
    if (bytes === undefined) return null;
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    });
  }

  get bodyUsed(): boolean {
    return false;
  }

  get redirect(): RequestRedirect {
    return "error";
  }

  /** A copy with its own headers; the body (immutable) is shared. */
  clone(): LeanRequest {
    return new LeanRequest(this.url, { method: this.method, headers: new Headers(this.headers), signal: this.signal, body: this.#body });
  }

  async text(): Promise<string> {
    const body = this.#body;
    return body === null ? "" : typeof body === "string" ? body : new TextDecoder().decode(body);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = LeanRequest.bytesOf(this);
    return bytes === undefined ? new ArrayBuffer(0) : (bytes.slice().buffer as ArrayBuffer);
  }
}
