// The one error the storage helpers throw for bad input or an unusable model: a code to branch on, the field or
// file at fault and the rule it broke. Never carries a connection string, account key or SAS.

/** What went wrong, as a stable code. */
export type StorageErrorCode =
  | "InvalidConnectionString"
  | "InvalidContainer"
  | "ModelNotFound"
  | "UnsupportedFormat"
  | "ModelOutsideFolder"
  | "InvalidModel"
  | "MissingReference"
  | "InvalidSettings"
  | "InvalidOption"
  | "OutputNotFound";

/** What a {@link StorageError} is made of. */
export interface StorageErrorInit {
  code: StorageErrorCode;
  message: string;
  /** The option or file at fault, e.g. `connectionString`, `cube.ConversionSettings.json`. */
  field: string;
  /** The rule it broke, e.g. `format`, `exists`, or a JSON Schema keyword (`enum`, `additionalProperties`). */
  rule: string;
  cause?: unknown;
}

/** Bad input to `remote-rendering-client/storage`, or a model that cannot be converted as it is. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly field: string;
  readonly rule: string;

  constructor(init: StorageErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "StorageError";
    this.code = init.code;
    this.field = init.field;
    this.rule = init.rule;
  }
}
