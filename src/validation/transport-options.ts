// Checks of the client's connection options `ca` and `maxSockets`, before any request.
import { ValidationError } from "../errors/validation-error.js";

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** `ca`: one PEM string or an array of them, each holding at least one certificate; returned as an array. */
export function validateCa(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  list.forEach((pem, i) => {
    const field = Array.isArray(value) ? `ca[${i}]` : "ca";
    if (typeof pem !== "string")
      throw new ValidationError({ field, value: pem, rule: "type", message: `${field} must be a PEM string (-----BEGIN CERTIFICATE----- …)` });
    if (!pemBlock.test(pem))
      throw new ValidationError({
        field,
        value: pem.length > 64 ? `${pem.slice(0, 64)}…` : pem,
        rule: "pattern",
        message: `${field} must hold a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`,
      });
  });
  return list as string[];
}

/** `maxSockets`: a whole number ≥ 1. */
export function validateMaxSockets(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new ValidationError({ field: "maxSockets", value, rule: "type", message: `maxSockets must be a whole number (got ${String(value)})` });
  if (value < 1) throw new ValidationError({ field: "maxSockets", value, rule: "minimum", message: `maxSockets must be ≥ 1 (got ${value})` });
}
