// Validates values against the bundled specs' schemas (Ajv, JSON Schema 2020-12), for tests of spec and wire.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import remoteRendering from "../../generated/remote-rendering.json" with { type: "json" };
import mixedRealitySts from "../../generated/mixed-reality-sts.json" with { type: "json" };

export const documents = { "remote-rendering": remoteRendering, "mixed-reality-sts": mixedRealitySts } as const;
export type DocumentName = keyof typeof documents;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const [name, document] of Object.entries(documents)) ajv.addSchema(document as object, `${name}.json`);

const cache = new Map<string, ValidateFunction>();

/** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/error`) of a spec. */
export function validateAgainst(spec: DocumentName, pointer: string, value: unknown): string[] {
  const ref = `${spec}.json${pointer}`;
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

/** JSON-pointer escaping of one path segment. */
export function pointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

type Json = Record<string, unknown>;

/** Follows local `$ref`s (`#/components/...`) inside a bundled document until it reaches an object that is no reference. */
export function resolveRef(document: Json, node: Json): Json {
  let current = node;
  while (typeof current["$ref"] === "string") {
    const path = (current["$ref"] as string).replace(/^#\//, "").split("/");
    current = path.reduce<Json>((n, key) => n[key.replaceAll("~1", "/").replaceAll("~0", "~")] as Json, document);
  }
  return current;
}
