// A small interpreter of the JSON Schema keywords that generated/constraints.ts carries. The limits live in
// the spec only; this file knows keywords, never values.
import { pathParameterSchemas, requestSchemas } from "../../generated/constraints.js";
import { redact, REDACTED } from "../errors/redact.js";
import { ValidationError, type ValidationRule } from "../errors/validation-error.js";
import { insecureHttpHint, isAllowedUrl, isInsecureRemoteHttp, withoutQuery, type UrlPolicy } from "./url.js";

/**
 * The keywords this interpreter checks: all that the request schemas and path parameters of
 * generated/constraints.ts use (a test holds the two together, so a keyword the spec gains is not ignored).
 */
export const checkedKeywords = ["type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "required", "properties", "$ref", "anyOf", "secret"] as const;
/** The values of `type` it knows. */
export const checkedTypes = ["string", "integer", "object"] as const;

/** One node of a schema in generated/constraints.ts. */
interface SchemaNode {
  readonly type?: (typeof checkedTypes)[number];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: SchemaNode };
  readonly $ref?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly secret?: boolean;
}

/** The names of the schemas a request can carry (response-only schemas are never validated client-side). */
export type SchemaName = keyof typeof requestSchemas;

const schemas: { readonly [name: string]: SchemaNode } = requestSchemas;
const patterns = new Map<string, RegExp>();
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function regex(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, "u")));
  return re;
}

function shown(node: SchemaNode, value: unknown): unknown {
  if (node.secret) return REDACTED;
  if (typeof value !== "string") return value;
  return redact(node.format === "uri" ? withoutQuery(value) : value);
}

function fail(path: string, node: SchemaNode, value: unknown, rule: ValidationRule, must: string): never {
  const field = path || "settings"; // the argument itself, e.g. a null instead of a settings object
  const v = shown(node, value);
  const got = v === undefined ? "it is missing" : `got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`;
  throw new ValidationError({ field, value: v, rule, message: `${field} ${must} (${got})` });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function typeMatches(type: SchemaNode["type"], value: unknown): boolean {
  return type === "string" ? typeof value === "string" : type === "integer" ? Number.isSafeInteger(value) : isObject(value);
}

function formatMatches(format: string, value: string, policy: UrlPolicy): boolean {
  if (format === "uri") return isAllowedUrl(value, policy);
  if (format === "uuid") return uuid.test(value);
  return true; // date-time and others only occur in responses
}

const formatText: Readonly<Record<string, string>> = {
  uri: "must be an absolute https URL (http only for loopback hosts such as 127.0.0.1 or localhost)",
  uuid: "must be a UUID such as 30ea64bd-100f-4bf0-adc9-29fa45d4880c",
};

/** Checks `value` against `node`; throws a ValidationError naming `field` and the first keyword that failed. */
export function check(node: SchemaNode, value: unknown, field: string, policy: UrlPolicy = {}): void {
  if (node.$ref !== undefined) {
    const target = schemas[node.$ref];
    if (target) check(node.secret ? { ...target, secret: true } : target, value, field, policy);
    return;
  }
  if (node.type !== undefined && !typeMatches(node.type, value)) fail(field, node, value, "type", `must be of type ${node.type}`);
  if (node.anyOf) {
    // An open enumeration (known values, or any string): accept what one branch accepts, else report the
    // first branch's error.
    let first: unknown;
    for (const branch of node.anyOf) {
      try {
        return check(branch, value, field, policy);
      } catch (error) {
        first ??= error;
      }
    }
    throw first;
  }
  if (node.enum && !node.enum.includes(value)) fail(field, node, value, "enum", `must be one of ${node.enum.join(", ")}`);
  if (typeof value === "string") {
    if (node.minLength !== undefined && value.length < node.minLength)
      fail(field, node, value, "minLength", `must have at least ${node.minLength} character${node.minLength === 1 ? "" : "s"}`);
    if (node.maxLength !== undefined && value.length > node.maxLength)
      fail(field, node, value, "maxLength", `must have at most ${node.maxLength} characters`);
    if (node.pattern !== undefined && !regex(node.pattern).test(value))
      fail(field, node, value, "pattern", `must match the pattern ${node.pattern}`);
    if (node.format !== undefined && !formatMatches(node.format, value, policy)) {
      const insecure = node.format === "uri" && isInsecureRemoteHttp(value) ? ` (${insecureHttpHint})` : "";
      fail(field, node, value, "format", `${formatText[node.format] ?? `must have the format ${node.format}`}${insecure}`);
    }
  }
  if (typeof value === "number") {
    if (node.minimum !== undefined && value < node.minimum) fail(field, node, value, "minimum", `must be at least ${node.minimum}`);
    if (node.maximum !== undefined && value > node.maximum) fail(field, node, value, "maximum", `must be at most ${node.maximum}`);
  }
  if (isObject(value)) {
    const prefix = field ? `${field}.` : "";
    for (const name of node.required ?? [])
      if (value[name] === undefined) fail(`${prefix}${name}`, node.properties?.[name] ?? {}, undefined, "required", "is required");
    // Other properties are allowed: every request object of the spec is open.
    for (const [name, child] of Object.entries(value)) {
      const schema = node.properties?.[name];
      if (schema && child !== undefined) check(schema, child, `${prefix}${name}`, policy);
    }
  }
}

/** Checks `value` against the named schema of the spec. */
export function checkSchema(name: SchemaName, value: unknown, field = "", policy: UrlPolicy = {}): void {
  check(schemas[name] ?? {}, value, field, policy);
}

/** Checks a path parameter (`session_id`, `conversion_id`, `account_id`) against the spec, naming it `field`. */
export function checkParameter(name: keyof typeof pathParameterSchemas, value: unknown, field: string): void {
  check(pathParameterSchemas[name], value, field);
}
