// The conversion settings file (`<model>.ConversionSettings.json`): checked against its JSON Schema in
// spec/conversion-files.yaml (through generated/), and completed with the schema's defaults.
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import conversionFiles from "../../generated/conversion-files.json" with { type: "json" };
import type { components } from "../../generated/conversion-files.js";
import { StorageError } from "./errors.js";

/** The settings with every default filled in (as info.json reports them). */
export type ConversionSettingsFile = components["schemas"]["conversion_settings_file"];
/** A settings file as written: every key optional (the schema's defaults fill the rest). */
export type ConversionSettingsInput = Partial<ConversionSettingsFile>;
export type ConversionResultFile = components["schemas"]["conversion_result_file"];
export type ConversionResultEntry = components["schemas"]["conversion_result_entry"];
export type ConversionInfoFile = components["schemas"]["conversion_info_file"];

const DOCUMENT_ID = "conversion-files.json";
let validators: Map<string, ValidateFunction> | undefined;

/** A validator for one of the schemas of spec/conversion-files.yaml, compiled once. */
export function fileValidator(schema: "conversion_settings_file" | "conversion_result_file" | "conversion_info_file"): ValidateFunction {
  if (validators === undefined) {
    // Not strict: the document around the schemas (openapi, info, paths) is not JSON Schema vocabulary.
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addSchema({ ...conversionFiles, $id: DOCUMENT_ID });
    validators = new Map();
    for (const name of ["conversion_settings_file", "conversion_result_file", "conversion_info_file"]) {
      validators.set(name, ajv.getSchema(`${DOCUMENT_ID}#/components/schemas/${name}`) as ValidateFunction);
    }
  }
  return validators.get(schema) as ValidateFunction;
}

/** Where an Ajv error points, as `a.b` (the unknown key itself for additionalProperties). */
function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split("/").slice(1).join(".");
  const extra = error.keyword === "additionalProperties" ? String((error.params as { additionalProperty?: string }).additionalProperty) : "";
  return [path, extra].filter((p) => p !== "").join(".") || "(root)";
}

/**
 * Parses and checks the text of a settings file; throws {@link StorageError} `InvalidSettings` naming the file,
 * the key and the JSON Schema keyword it broke.
 */
export function parseSettingsFile(text: string, fileName: string): ConversionSettingsInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StorageError({ code: "InvalidSettings", message: `${fileName} is not valid JSON.`, field: fileName, rule: "format", cause: error });
  }
  const validate = fileValidator("conversion_settings_file");
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const field = error === undefined ? "(root)" : fieldOf(error);
    throw new StorageError({
      code: "InvalidSettings",
      message: `${fileName}: ${field} ${error?.message ?? "is not valid"} (rule: ${error?.keyword ?? "type"})`,
      field: `${fileName}:${field}`,
      rule: error?.keyword ?? "type",
    });
  }
  return value as ConversionSettingsInput;
}

/** The schema's defaults for every key that has one, overridden by `given`. */
export function withDefaults(given: ConversionSettingsInput): ConversionSettingsFile {
  const schema = conversionFiles.components.schemas.conversion_settings_file.properties as Record<string, { default?: unknown }>;
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema)) if (property.default !== undefined) defaults[key] = property.default;
  return { ...defaults, ...given } as ConversionSettingsFile;
}
