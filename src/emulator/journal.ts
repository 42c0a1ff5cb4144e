// Durable state: an append-only journal of events (one JSON line each), fsynced before any response that
// reflects them, and replayed at start. Concurrent writes share one fsync (group commit).
import type { FileHandle } from "node:fs/promises";
import { isEvent, type EmulatorEvent } from "./store.js";

export class Journal {
  readonly #file: FileHandle;
  #buffer: string[] = [];
  #appended = 0;
  #durable = 0;
  #writing: Promise<void> | undefined;
  #broken: Error | undefined;

  constructor(file: FileHandle) {
    this.#file = file;
  }

  /** Queues an event; it is durable once a later `flush()` resolves. */
  append(event: EmulatorEvent): void {
    this.#buffer.push(`${JSON.stringify(event)}\n`);
    this.#appended++;
  }

  /** True while some appended event is not yet on disk. */
  get pending(): boolean {
    return this.#durable < this.#appended;
  }

  /** Resolves once every event appended so far is written and fsynced; rejects for good after a disk error. */
  async flush(): Promise<void> {
    const target = this.#appended;
    while (this.#durable < target) {
      if (this.#broken !== undefined) throw this.#broken;
      this.#writing ??= this.#write().finally(() => {
        this.#writing = undefined;
      });
      await this.#writing;
    }
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.#file.close();
    }
  }

  async #write(): Promise<void> {
    const lines = this.#buffer;
    this.#buffer = [];
    try {
      await this.#file.appendFile(lines.join(""));
      await this.#file.datasync();
      this.#durable += lines.length;
    } catch (error) {
      // The memory now holds state the disk may not: refuse to acknowledge anything from here on.
      this.#broken = error instanceof Error ? error : new Error(String(error));
      throw this.#broken;
    }
  }
}

export const JOURNAL_HEADER = { type: "journal", version: 1 } as const;

/**
 * The events of a journal's complete lines. `completeBytes` is the byte length of the complete lines (less than
 * the content when a last line was cut by a kill); `damaged` lists the 1-based numbers of complete lines that
 * are neither an event nor the header — damage that, unlike a cut last line, must not be skipped silently.
 */
export function parseJournal(content: Buffer): { events: EmulatorEvent[]; completeBytes: number; damaged: number[] } {
  const completeBytes = content.lastIndexOf(0x0a) + 1;
  const events: EmulatorEvent[] = [];
  const damaged: number[] = [];
  const lines = content.subarray(0, completeBytes).toString("utf8").split("\n");
  lines.forEach((line, index) => {
    if (line.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isEvent(value)) events.push(value);
    else if ((value as { type?: unknown } | undefined)?.type !== JOURNAL_HEADER.type) damaged.push(index + 1);
  });
  return { events, completeBytes, damaged };
}
