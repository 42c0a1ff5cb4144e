// Reads the validation constraints out of a bundled OpenAPI document, so that nothing in src/ types a limit twice.

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string; variables?: Record<string, { enum?: string[]; default: string }> }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaNode>; parameters?: Record<string, ParameterNode> };
}

interface SchemaNode {
  $ref?: string;
  [keyword: string]: unknown;
}

interface ParameterNode {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema: SchemaNode;
}

/** The JSON Schema keywords that constrain a value; everything else (descriptions, examples) is left out. */
const constraintKeywords = [
  "type",
  "const",
  "enum",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "required",
  "additionalProperties",
  "default",
] as const;

const methods = ["get", "put", "post", "patch", "delete"] as const;

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

function resolveParameter(document: OpenApiDocument, node: ParameterNode): ParameterNode {
  if (!node.$ref) return node;
  const resolved = document.components?.parameters?.[refName(node.$ref)];
  if (!resolved) throw new Error(`unresolved parameter ${node.$ref}`);
  return resolved;
}

/** Keeps the constraint keywords; a property that is a component becomes `{ $ref: name }`. */
function pick(schema: SchemaNode): Record<string, unknown> {
  if (schema.$ref) return { $ref: refName(schema.$ref) };
  const out: Record<string, unknown> = {};
  for (const keyword of constraintKeywords) {
    if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  }
  // Azure's marker for secret values (SAS tokens): they are redacted in errors and never echoed.
  if (schema["x-ms-secret"] === true) out["secret"] = true;
  if (schema["properties"]) {
    const properties: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(schema["properties"] as Record<string, SchemaNode>)) {
      properties[name] = pick(child);
    }
    out["properties"] = properties;
  }
  if (schema["items"]) out["items"] = pick(schema["items"] as SchemaNode);
  if (schema["oneOf"]) out["oneOf"] = (schema["oneOf"] as SchemaNode[]).map(pick);
  // Open enumerations: the known values in one branch, any string in the other.
  if (schema["anyOf"]) out["anyOf"] = (schema["anyOf"] as SchemaNode[]).map(pick);
  return out;
}

export function extractConstraints(rr: OpenApiDocument, sts: OpenApiDocument) {
  const parameters: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(rr.components?.parameters ?? {})) {
    parameters[parameter.name ?? name] = { in: parameter.in, required: parameter.required ?? false, ...pick(parameter.schema) };
  }
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(rr.components?.schemas ?? {})) schemas[name] = pick(schema);

  const operations: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(rr.paths)) {
    const shared = (item["parameters"] as ParameterNode[] | undefined) ?? [];
    for (const method of methods) {
      const operation = item[method] as
        | {
            operationId: string;
            parameters?: ParameterNode[];
            requestBody?: { required?: boolean; content: Record<string, { schema: SchemaNode }> };
            responses: Record<string, unknown>;
          }
        | undefined;
      if (!operation) continue;
      const all = [...shared, ...(operation.parameters ?? [])].map((p) => resolveParameter(rr, p));
      const body = operation.requestBody?.content["application/json"]?.schema;
      operations[operation.operationId] = {
        method: method.toUpperCase(),
        path,
        pathParameters: all.filter((p) => p.in === "path").map((p) => p.name),
        queryParameters: all.filter((p) => p.in === "query").map((p) => p.name),
        requestBody: body?.$ref ? refName(body.$ref) : null,
        statuses: Object.keys(operation.responses),
      };
    }
  }

  // The version a client sends is the parameter's default (or its only value); the emulator accepts every one listed.
  const apiVersionSchema = rr.components?.parameters?.["api_version"]?.schema;
  const apiVersion = ((apiVersionSchema?.["default"] ?? apiVersionSchema?.["const"]) as string | undefined) ?? null;
  const apiVersions = (apiVersionSchema?.["enum"] as string[] | undefined) ?? (apiVersion === null ? [] : [apiVersion]);
  const [stsPath, stsItem] = Object.entries(sts.paths)[0] ?? [];
  const stsOperation = stsItem?.["get"] as { parameters: ParameterNode[] } | undefined;
  const stsApiVersion = stsOperation?.parameters.find((p) => p.name === "api-version")?.schema["const"] ?? null;
  if (!apiVersion || !stsApiVersion || !stsPath) throw new Error("the specs must give api-version a default or const value");

  // The schemas a request can carry (bodies and parameters, with what they reference): what a client validates.
  // They are kept apart from the response schemas so that a browser bundle of the client leaves those out.
  const requestSchemaNames = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && !requestSchemaNames.has(ref)) {
      requestSchemaNames.add(ref);
      visit(schemas[ref]);
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(parameters);
  for (const operation of Object.values(operations)) {
    const body = (operation as { requestBody: string | null }).requestBody;
    if (body) visit({ $ref: body });
  }
  const requestSchemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => requestSchemaNames.has(name)));
  const responseSchemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => !requestSchemaNames.has(name)));

  // The client's compact views, so its browser bundle carries only what it uses: each operation as
  // "METHOD path" (to name a failed request), and the schema of each path parameter (to check ids).
  const operationRoutes = Object.fromEntries(
    Object.entries(operations).map(([id, op]) => [id, `${(op as { method: string }).method} ${(op as { path: string }).path}`]),
  );
  const pathParameterSchemas = Object.fromEntries(
    Object.entries(parameters)
      .filter(([, p]) => (p as { in: string }).in === "path")
      .map(([name, p]) => {
        const { in: _in, required: _required, ...schema } = p as Record<string, unknown>;
        return [name, schema];
      }),
  );

  return {
    apiVersion,
    apiVersions,
    stsApiVersion,
    stsPath,
    regions: rr.servers?.[0]?.variables?.["region"]?.enum ?? [],
    parameters,
    requestSchemas,
    responseSchemas,
    operations,
    operationRoutes,
    pathParameterSchemas,
  };
}
