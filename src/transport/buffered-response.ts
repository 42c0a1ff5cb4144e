// A Response whose body has already been read into memory. The transport reads every body within the
// attempt (so its timeout covers it and a connection cut mid-body is a retryable network failure); handing
// the bytes on this way avoids building a second body stream per call, which costs more than the rest of the
// client's per-call work together. The body can be read any number of times.
//
// It is built per call, so it is kept cheap: no body stream and no copy of the headers (it shows the headers
// of the response it was read from), and it carries its Exchange itself rather than in a side table.

import { linkToGlobal, placeholderFor } from "./late-base.js";

const decoder = new TextDecoder();

/** The request a response answers, and whether it took more than one attempt. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** True when the response came after more than one attempt (the service may have acted on an earlier one). */
  readonly retried: boolean;
}

/** A Response over bytes in memory; `text()`, `json()`, `arrayBuffer()`, `blob()` and `body` all read them. */
export class BufferedResponse extends placeholderFor("Response") {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  readonly #headers: Headers;
  #exchange: Exchange | undefined;

  /** `bytes` is the body read from `from`, the answer to `exchange`. */
  constructor(bytes: Uint8Array<ArrayBuffer> | null, from: Pick<Response, "status" | "statusText" | "headers">, exchange?: Exchange) {
    linkToGlobal(BufferedResponse, "Response");
    super(null, { status: from.status, statusText: from.statusText });
    this.#bytes = bytes;
    this.#headers = from.headers;
    this.#exchange = exchange;
  }

  /** The exchange a transport recorded on `response`; undefined for a response from elsewhere. */
  static exchangeOf(response: Response): Exchange | undefined {
    return #exchange in response ? response.#exchange : undefined;
  }

  /**
   * Records `exchange` on a response a fetch of this package built (which has none yet); false for any other
   * response, which the transport then reads into a new BufferedResponse.
   */
  static adopt(response: Response, exchange: Exchange): response is BufferedResponse {
    if (!(#exchange in response) || response.#exchange !== undefined) return false;
    response.#exchange = exchange;
    return true;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    const bytes = this.#bytes;
    if (bytes === null) return null;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    });
  }

  override get bodyUsed(): boolean {
    return false;
  }

  #text(): string {
    return this.#bytes ? decoder.decode(this.#bytes) : "";
  }

  // openapi-fetch reads every body through json(): one async frame, no second one awaited inside it.
  override async text(): Promise<string> {
    return this.#text();
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.#text()) as unknown;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes ? this.#bytes.slice().buffer : new ArrayBuffer(0);
  }

  override async blob(): Promise<Blob> {
    return new Blob(this.#bytes ? [this.#bytes.slice()] : [], { type: this.headers.get("content-type") ?? "" });
  }

  override clone(): BufferedResponse {
    return new BufferedResponse(this.#bytes, this);
  }
}
