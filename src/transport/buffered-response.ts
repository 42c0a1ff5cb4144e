// A Response whose body has already been read into memory. The transport reads every body within the
// attempt (so its timeout covers it and a connection cut mid-body is a retryable network failure); handing
// the bytes on this way avoids building a second body stream per call, which costs more than the rest of the
// client's per-call work together. The body can be read any number of times.

const decoder = new TextDecoder();

/** A Response over bytes in memory; `text()`, `json()`, `arrayBuffer()`, `blob()` and `body` all read them. */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;

  constructor(bytes: Uint8Array<ArrayBuffer> | null, init: { status: number; statusText: string; headers: Headers }) {
    super(null, init);
    this.#bytes = bytes;
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

  override async text(): Promise<string> {
    return this.#bytes ? decoder.decode(this.#bytes) : "";
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes ? this.#bytes.slice().buffer : new ArrayBuffer(0);
  }

  override async blob(): Promise<Blob> {
    return new Blob(this.#bytes ? [this.#bytes.slice()] : [], { type: this.headers.get("content-type") ?? "" });
  }

  override clone(): BufferedResponse {
    return new BufferedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}
