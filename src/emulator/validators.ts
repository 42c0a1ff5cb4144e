// Request validation against the bundled specs in generated/: Ajv (JSON Schema 2020-12) compiles one
// validator per operation for path parameters, query parameters and body, once per process.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import remoteRendering from "../../generated/remote-rendering.json" with { type: "json" };
import mixedRealitySts from "../../generated/mixed-reality-sts.json" with { type: "json" };
import { errorReply, type Reply } from "./reply.js";
import { routes, type OperationId, type Route } from "./routes.js";

type Json = Record<string, unknown>;

export interface OperationValidators {
  readonly path: ValidateFunction;
  readonly query: ValidateFunction;
  readonly queryNames: readonly string[];
  readonly body: ValidateFunction | undefined;
}

const ARR = "remote-rendering.json";
const STS = "mixed-reality-sts.json";

// Rewrites document-local $refs ("#/components/...") to refs into the added document.
function absolutize(node: unknown, documentId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absolutize(item, documentId));
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#") ? documentId + value : absolutize(value, documentId);
  }
  return out;
}

function resolveLocal(document: Json, node: Json): Json {
  const ref = node["$ref"];
  if (typeof ref !== "string") return node;
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<Json>((n, key) => n[key.replaceAll("~1", "/").replaceAll("~0", "~")] as Json, document);
}

function parametersOf(document: Json, path: string, method: string): Json[] {
  const item = (document["paths"] as Json)[path] as Json;
  const operation = item[method.toLowerCase()] as Json;
  return [...((item["parameters"] as Json[] | undefined) ?? []), ...((operation["parameters"] as Json[] | undefined) ?? [])].map(
    (p) => resolveLocal(document, p),
  );
}

function objectSchema(parameters: Json[], documentId: string): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of parameters) {
    properties[p["name"] as string] = absolutize(p["schema"], documentId);
    if (p["required"] === true) required.push(p["name"] as string);
  }
  return { type: "object", properties, required };
}

function specPath(route: Route): string {
  return "/" + route.segments.map((s) => (typeof s === "string" ? s : `{${s.param}}`)).join("/");
}

let compiled: ReadonlyMap<OperationId, OperationValidators> | undefined;

/** The validators of every operation, compiled on first use and shared by all emulators of the process. */
export function operationValidators(): ReadonlyMap<OperationId, OperationValidators> {
  if (compiled !== undefined) return compiled;
  // allErrors: the update rule needs to see every error to tell a range error (422) from a shape error (400).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(remoteRendering as object, ARR);
  ajv.addSchema(mixedRealitySts as object, STS);
  const map = new Map<OperationId, OperationValidators>();
  for (const route of routes) {
    const documentId = route.operationId === "getToken" ? STS : ARR;
    const document = (route.operationId === "getToken" ? mixedRealitySts : remoteRendering) as unknown as Json;
    const parameters = parametersOf(document, specPath(route), route.method);
    const query = parameters.filter((p) => p["in"] === "query");
    map.set(route.operationId, {
      path: ajv.compile(objectSchema(parameters.filter((p) => p["in"] === "path"), documentId)),
      query: ajv.compile(objectSchema(query, documentId)),
      queryNames: query.map((p) => p["name"] as string),
      body: route.requestBody === null ? undefined : ajv.compile({ $ref: `${ARR}#/components/schemas/${route.requestBody}` }),
    });
  }
  compiled = map;
  return map;
}

/** "/settings/inputLocation/blobPrefix" → "settings.inputLocation.blobPrefix". */
function targetOf(error: ErrorObject): string | undefined {
  const segments = error.instancePath.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === "required" && params.missingProperty !== undefined) segments.push(params.missingProperty);
  if (error.keyword === "additionalProperties" && params.additionalProperty !== undefined) segments.push(params.additionalProperty);
  return segments.length === 0 ? undefined : segments.join(".");
}

// Messages never quote the offending value: it may be a secret (a SAS in the wrong place).
function messageOf(error: ErrorObject, target: string | undefined): string {
  const name = target ?? "request body";
  const params = error.params as { limit?: number; allowedValues?: unknown[]; type?: string; format?: string };
  switch (error.keyword) {
    case "required":
      return `The ${name} value is required.`;
    case "additionalProperties":
      return `The property ${name} is not allowed.`;
    case "type":
      return target === undefined ? "The request body must be a JSON object." : `The ${name} value must be of type ${params.type ?? "?"}.`;
    case "minimum":
      return params.limit === 0
        ? `The ${name} value cannot be negative.`
        : `The ${name} value must be at least ${params.limit ?? "?"}.`;
    case "maximum":
      return `The ${name} value must be at most ${params.limit ?? "?"}.`;
    case "enum":
      return `The ${name} value must be one of: ${(params.allowedValues ?? []).join(", ")}.`;
    case "const":
      return `The ${name} value must be ${String((error.params as { allowedValue?: unknown }).allowedValue)}.`;
    case "format":
      return `The ${name} value must be a valid ${params.format ?? "value"}.`;
    case "pattern":
      return name.endsWith("outputAssetFilename")
        ? `The ${name} value must end in .arrAsset.`
        : `The ${name} value may contain only letters, digits, '-' and '_'.`;
    case "minLength":
      return `The ${name} value must not be empty.`;
    case "maxLength":
      return `The ${name} value must be at most ${params.limit ?? "?"} characters long.`;
    default:
      return `The ${name} value is not valid.`;
  }
}

/** A 400 `BadRequest` for the first error, with every error in `details`. */
export function badRequest(errors: readonly ErrorObject[]): Reply {
  const described = errors.map((e) => {
    const target = targetOf(e);
    const detail: { code: string; message: string; target?: string } = { code: "BadRequest", message: messageOf(e, target) };
    if (target !== undefined) detail.target = target;
    return detail;
  });
  const first = described[0] ?? { code: "BadRequest", message: "The request was malformed." };
  // The one 400 the recordings pin down (a negative lease) had exactly a code and a message: so does ours.
  const only = errors.length === 1 ? errors[0] : undefined;
  if (only?.keyword === "minimum" && (only.params as { limit?: number }).limit === 0) {
    return errorReply(400, "BadRequest", first.message);
  }
  return errorReply(400, "BadRequest", first.message, { target: first.target, details: described.length > 1 ? described : undefined });
}
