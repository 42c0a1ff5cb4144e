// Response headers as node:http received them, made into a genuine Headers only when something other than
// `get` needs them. The client reads a couple of headers per response (content-length, ms-cv, retry-after);
// building a Headers of every header of every response costs more than those reads.

import { linkToGlobal, placeholderFor } from "./late-base.js";

export class WireHeaders extends placeholderFor("Headers") {
  #raw: string[] | undefined;

  /** `raw`: name, value, name, value… as IncomingMessage.rawHeaders gives them. */
  constructor(raw: string[]) {
    linkToGlobal(WireHeaders, "Headers");
    super();
    this.#raw = raw;
  }

  #filled(): this {
    const raw = this.#raw;
    if (raw !== undefined) {
      this.#raw = undefined;
      for (let i = 0; i + 1 < raw.length; i += 2) super.append(raw[i]!, raw[i + 1]!);
    }
    return this;
  }

  override get(name: string): string | null {
    const raw = this.#raw;
    if (raw === undefined) return super.get(name);
    const wanted = name.toLowerCase();
    let found: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i]!;
      if (key.length === wanted.length && key.toLowerCase() === wanted) found = found === null ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`;
    }
    return found;
  }

  override has(name: string): boolean {
    return this.#filled() && super.has(name);
  }

  override set(name: string, value: string): void {
    this.#filled();
    super.set(name, value);
  }

  override append(name: string, value: string): void {
    this.#filled();
    super.append(name, value);
  }

  override delete(name: string): void {
    this.#filled();
    super.delete(name);
  }

  override getSetCookie(): string[] {
    return this.#filled() && super.getSetCookie();
  }

  override forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#filled();
    super.forEach(callback, thisArg);
  }

  override entries(): HeadersIterator<[string, string]> {
    return this.#filled() && super.entries();
  }

  override keys(): HeadersIterator<string> {
    return this.#filled() && super.keys();
  }

  override values(): HeadersIterator<string> {
    return this.#filled() && super.values();
  }

  override [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.#filled() && super[Symbol.iterator]();
  }
}
