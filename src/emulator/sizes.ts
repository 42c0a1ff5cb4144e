// Session sizes as the emulator serves them: the known values of the spec's open enumeration, matched
// without regard to case (the service took `standard` from Microsoft's PowerShell sample) and answered in
// the canonical spelling. A size the spec does not know is refused: the emulator has no servers of it.
import { requestSchemas } from "../../generated/constraints.js";
import { errorReply, type Reply } from "./reply.js";

export type KnownSize = (typeof requestSchemas.session_size.anyOf)[0]["enum"][number];

const knownSizes: readonly KnownSize[] = requestSchemas.session_size.anyOf[0].enum;

/**
 * Teraflops by size: Standard as the 2022 and 2024 recordings show (8.1); Premium is our choice (the
 * recordings hold no Premium session).
 */
export const TERAFLOPS: Readonly<Record<KnownSize, number>> = { Standard: 8.1, Premium: 21.2 };

/** The canonical size, or a 400 naming `size` when the value is not a known size in any case. */
export function canonicalSize(size: string): KnownSize | Reply {
  const lower = size.toLowerCase();
  const known = knownSizes.find((k) => k.toLowerCase() === lower);
  if (known !== undefined) return known;
  return errorReply(400, "BadRequest", `The size value must be one of: ${knownSizes.join(", ")}.`, { target: "size" });
}

export function isKnownSize(value: unknown): value is KnownSize {
  return typeof value === "string" && (knownSizes as readonly string[]).includes(value);
}
