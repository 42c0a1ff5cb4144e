// Raised before any request is sent, when an input breaks a limit of the spec.

/** The JSON Schema keyword an input failed. */
export type ValidationRule =
  | "type"
  | "enum"
  | "const"
  | "required"
  | "additionalProperties"
  | "pattern"
  | "minLength"
  | "maxLength"
  | "minimum"
  | "maximum"
  | "format";

/** What a {@link ValidationError} is made of. */
export interface ValidationErrorInit {
  /** The input in error, as a dotted path (`sessionId`, `outputLocation.outputAssetFilename`). */
  field: string;
  /** The offending value, already redacted when it is a secret. */
  value: unknown;
  /** The JSON Schema keyword that failed. */
  rule: ValidationRule;
  /** Human-readable description. */
  message: string;
}

/**
 * An input breaks a limit of the spec (an id with a space, a lease above 1440 minutes, a storage URI that is
 * not https, …). Thrown (or rejected with) before any request is sent.
 *
 * `rule` is the JSON Schema keyword that failed (`pattern`, `maxLength`, `minimum`, `maximum`, `type`,
 * `enum`, `required`, `format`, …). `value` is the offending input, shown as `[REDACTED]` when it is a
 * secret (a SAS token) and with its query string removed when it is a URL.
 *
 * @example
 * ```ts
 * try {
 *   await client.sessions.create("my session", { size: "Standard", maxLeaseTimeMinutes: 60 });
 * } catch (e) {
 *   if (e instanceof ValidationError) console.log(e.field, e.rule); // "sessionId" "pattern"
 * }
 * ```
 */
export class ValidationError extends Error {
  /** The input in error, as a dotted path (`sessionId`, `inputLocation.storageContainerUri`). */
  readonly field: string;
  /** The offending value (`[REDACTED]` for secrets, URLs without their query string). */
  readonly value: unknown;
  /** The JSON Schema keyword that failed. */
  readonly rule: ValidationRule;

  /** Builds the error; the client's validation does this for you. */
  constructor(init: ValidationErrorInit) {
    super(init.message);
    this.name = "ValidationError";
    this.field = init.field;
    this.value = init.value;
    this.rule = init.rule;
  }

  /** A plain object for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, field: this.field, value: this.value, rule: this.rule };
  }
}
