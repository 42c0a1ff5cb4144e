// `--repair`: a journal damaged in the middle is renamed (kept, for a look or a hand repair) and replaced by a
// fresh journal holding every event that could be read, written to a temporary file and renamed into place,
// so a crash during the repair leaves either the old name free or the new journal complete.
import { open, rename } from "node:fs/promises";
import type { EmulatorEvent } from "./store.js";

/** A journal with lines that are not events: what {@link JournalDamagedError} reports. */
export interface DamagedJournal {
  /** The journal file. */
  readonly path: string;
  /** 1-based numbers of the lines that are not events. */
  readonly lines: readonly number[];
  /** How many events could be read. */
  readonly readable: number;
}

/** Moves the damaged journal aside and writes the readable events as the new one; resolves to the kept path. */
export async function moveDamagedJournal(damage: DamagedJournal, events: readonly EmulatorEvent[], header: object): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const kept = `${damage.path}.damaged-${stamp}`;
  const temporary = `${damage.path}.${process.pid}.repair`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile([header, ...events].map((e) => `${JSON.stringify(e)}\n`).join(""));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(damage.path, kept);
  await rename(temporary, damage.path);
  return kept;
}
