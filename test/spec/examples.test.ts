// Every example in both specs validates against the schema it illustrates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { documents, pointerSegment, resolveRef, validateAgainst, type DocumentName } from "../support/spec-validator.js";

interface Example {
  where: string;
  schemaPointer: string;
  value: unknown;
}

type Json = Record<string, unknown>;


/** Finds every media-type example (and parameter example) with the JSON pointer of its schema. */
function collectExamples(name: DocumentName): Example[] {
  const document = documents[name] as unknown as Json;
  const found: Example[] = [];
  const fromMediaType = (where: string, mediaPointer: string, media: Json) => {
    const schemaPointer = `${mediaPointer}/schema`;
    if (media["example"] !== undefined) found.push({ where, schemaPointer, value: media["example"] });
    for (const [key, example] of Object.entries((media["examples"] ?? {}) as Json)) {
      found.push({ where: `${where} example ${key}`, schemaPointer, value: resolveRef(document, example as Json)["value"] });
    }
  };
  for (const [path, item] of Object.entries(document["paths"] as Json)) {
    for (const [method, operation] of Object.entries(item as Json)) {
      if (method === "parameters") continue;
      const op = operation as Json;
      const opPointer = `#/paths/${pointerSegment(path)}/${method}`;
      const body = op["requestBody"] as Json | undefined;
      for (const [type, media] of Object.entries((body?.["content"] ?? {}) as Json)) {
        fromMediaType(`${op["operationId"]} request`, `${opPointer}/requestBody/content/${pointerSegment(type)}`, media as Json);
      }
      for (const [status, response] of Object.entries(op["responses"] as Json)) {
        const resolved = resolveRef(document, response as Json);
        const base = (response as Json)["$ref"]
          ? `#/${((response as Json)["$ref"] as string).replace(/^#\//, "")}`
          : `${opPointer}/responses/${status}`;
        for (const [type, media] of Object.entries((resolved["content"] ?? {}) as Json)) {
          fromMediaType(`${op["operationId"]} ${status}`, `${base}/content/${pointerSegment(type)}`, media as Json);
        }
      }
      for (const [index, parameter] of ((op["parameters"] ?? []) as Json[]).entries()) {
        if (parameter["example"] !== undefined) {
          found.push({ where: `${op["operationId"]} parameter ${parameter["name"]}`, schemaPointer: `${opPointer}/parameters/${index}/schema`, value: parameter["example"] });
        }
      }
    }
  }
  const components = (document["components"] ?? {}) as Json;
  for (const [key, parameter] of Object.entries((components["parameters"] ?? {}) as Json)) {
    const p = parameter as Json;
    if (p["example"] !== undefined) found.push({ where: `parameter ${key}`, schemaPointer: `#/components/parameters/${key}/schema`, value: p["example"] });
  }
  for (const [key, header] of Object.entries((components["headers"] ?? {}) as Json)) {
    const h = header as Json;
    if (h["example"] !== undefined) found.push({ where: `header ${key}`, schemaPointer: `#/components/headers/${key}/schema`, value: h["example"] });
  }
  for (const [key, schema] of Object.entries((components["schemas"] ?? {}) as Json)) {
    for (const [i, value] of (((schema as Json)["examples"] ?? []) as unknown[]).entries()) {
      found.push({ where: `schema ${key} example ${i}`, schemaPointer: `#/components/schemas/${key}`, value });
    }
  }
  return found;
}

for (const name of Object.keys(documents) as DocumentName[]) {
  test(`every example of ${name} validates against its schema`, () => {
    const examples = collectExamples(name);
    assert.ok(examples.length >= (name === "remote-rendering" ? 30 : 5), `found only ${examples.length} examples`);
    const failures = examples.flatMap((e) => validateAgainst(name, e.schemaPointer, e.value).map((m) => `${e.where}: ${m}`));
    assert.deepEqual(failures, []);
  });
}

test("the validator rejects a value that breaks the schema (so the test above can fail)", () => {
  const errors = validateAgainst("remote-rendering", "#/components/schemas/create_session_settings", { maxLeaseTimeMinutes: 1441, size: 7 });
  // Both fields fail (size in each branch of its open enumeration, so Ajv reports more than one line for it).
  assert.ok(errors.some((e) => e.startsWith("/maxLeaseTimeMinutes")), errors.join("; "));
  assert.ok(errors.some((e) => e.startsWith("/size")), errors.join("; "));
});

test("every operation has an example for each success response with a body", () => {
  const document = documents["remote-rendering"] as unknown as Json;
  const missing: string[] = [];
  for (const item of Object.values(document["paths"] as Json)) {
    for (const [method, operation] of Object.entries(item as Json)) {
      if (method === "parameters") continue;
      const op = operation as Json;
      for (const [status, response] of Object.entries(op["responses"] as Json)) {
        const content = (resolveRef(document, response as Json)["content"] ?? {}) as Json;
        for (const media of Object.values(content)) {
          const m = media as Json;
          if (m["example"] === undefined && Object.keys((m["examples"] ?? {}) as Json).length === 0) missing.push(`${op["operationId"]} ${status}`);
        }
      }
    }
  }
  assert.deepEqual(missing, []);
});
