// The one seam between conversions and storage. The conversion logic asks a ConversionStorage what became of
// a conversion once its time is up; simulated storage decides from the settings alone, real storage reads the
// input and writes the outputs first. Neither handlers nor views know which one they talk to.
import type { ConversionSettings } from "../store.js";

/** How a conversion ended; `error` only when Failed. */
export interface ConversionOutcome {
  readonly status: "Succeeded" | "Failed";
  readonly error?: { readonly code: string; readonly message: string };
}

/** A conversion as storage sees it: the stored (normalised, SAS-free) settings and the SAS given at create. */
export interface ConversionJob {
  readonly accountId: string;
  readonly id: string;
  readonly settings: ConversionSettings;
  /** Kept in memory only (never journaled); absent after a restart or when none was given. */
  readonly inputSas?: string | undefined;
  readonly outputSas?: string | undefined;
}

export interface ConversionStorage {
  /** True when the emulator does real storage work (and a conversion's end may take a moment). */
  readonly real: boolean;
  /** Storage account names (lower case) that count as linked to the ARR account (no SAS needed). */
  readonly linkedAccounts: readonly string[];
  /** The outcome of a conversion whose time is up: known at once (simulated) or after the work (real). */
  finish(job: ConversionJob): ConversionOutcome | Promise<ConversionOutcome>;
}
