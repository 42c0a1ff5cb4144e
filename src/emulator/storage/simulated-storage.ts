// Storage that is never looked at (the default without --storage-connection-string): every input exists but one
// whose path contains "missing" (which ends InputContainerError, as the service answered), and nothing is written.
import { INPUT_MISSING } from "../conversion-view.js";
import type { ConversionJob, ConversionOutcome, ConversionStorage } from "./conversion-storage.js";

export function simulatedStorage(): ConversionStorage {
  return {
    real: false,
    linkedAccounts: [],
    finish(job: ConversionJob): ConversionOutcome {
      if (!job.settings.inputLocation.relativeInputAssetPath.includes("missing")) return { status: "Succeeded" };
      return { status: "Failed", error: INPUT_MISSING };
    },
  };
}
