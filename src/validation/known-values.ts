// The known values of the spec's open enumerations (`anyOf: [{ enum }, { type: string }]`), read from
// generated/constraints.ts, and the canonical spelling of a value given in another case.
import { requestSchemas } from "../../generated/constraints.js";

type SessionSize = (typeof requestSchemas.session_size.anyOf)[0]["enum"][number];

/** The sizes the spec lists (`Standard`, `Premium`); others are legal and the service decides on them. */
export const knownSessionSizes: readonly SessionSize[] = requestSchemas.session_size.anyOf[0].enum;

/**
 * The canonical spelling of a known size given in another case (`standard` → `Standard`), as the service
 * matched sizes without regard to case; any other value unchanged.
 */
export function canonicalSessionSize<T extends string>(size: T): T | SessionSize {
  const lower = size.toLowerCase();
  return knownSessionSizes.find((known) => known.toLowerCase() === lower) ?? size;
}
