// Storage that is never looked at (the default without --storage-connection-string): every input exists but one
// whose path contains "missing", and nothing is written.
import type { ConversionJob, ConversionOutcome, ConversionStorage } from "./conversion-storage.js";

export function simulatedStorage(): ConversionStorage {
  return {
    real: false,
    isLinked: () => false,
    finish(job: ConversionJob): ConversionOutcome {
      const path = job.settings.inputLocation.relativeInputAssetPath;
      if (!path.includes("missing")) return { status: "Succeeded" };
      return { status: "Failed", error: { code: "ConversionProcessFailed", message: `The input asset ${path} could not be found.` } };
    },
  };
}
