// The code samples of every operation, as `x-codeSamples` (TypeScript, arr, curl) in the bundled spec.
// One description per operation says which client method and which `arr` command call it and where their
// arguments come from; the values themselves (ids, bodies, URLs, api-version) are read from the spec's own
// examples, so a spec change flows into all three samples, and a change that breaks one (a renamed body field,
// a command or flag `arr` no longer has, an operation without a description) fails `npm run generate`.
// test/docs/samples.test.ts type-checks the TypeScript samples and runs the arr and curl ones on the emulator.
import { commands } from "../../src/cli/commands.js";

/** Where a value of a sample comes from: a path parameter's example, or a JSON pointer into the request example. */
export type Source = { readonly param: string } | { readonly body: string };

export interface SampleDescription {
  /** The client call, e.g. `sessions.create`, with its arguments in order. */
  readonly client: {
    readonly call: string;
    readonly args: readonly Source[];
    /** `value`: the call answers one result; `list`: an async iterable; `none`: nothing worth printing. */
    readonly result: "value" | "list" | "none";
    /** The name of the result variable (or loop variable) and the fields printed, if any. */
    readonly name?: string;
    readonly print?: readonly string[];
  };
  /** The `arr` command: its words, positional arguments and the flags that carry the request body. */
  readonly cli: {
    readonly words: readonly string[];
    readonly args: readonly Source[];
    readonly flags?: Readonly<Record<string, Source>>;
  };
}

/** Keyed by operationId, in the order a reader (and the sample test) runs them: create before get before stop. */
export const sampleDescriptions: Readonly<Record<string, SampleDescription>> = {
  createSession: {
    client: {
      call: "sessions.create",
      args: [{ param: "session_id" }, { body: "" }],
      result: "value",
      name: "session",
      print: ["id", "status"],
    },
    cli: {
      words: ["sessions", "create"],
      args: [{ param: "session_id" }],
      flags: { size: { body: "/size" }, lease: { body: "/maxLeaseTimeMinutes" } },
    },
  },
  getSession: {
    client: { call: "sessions.get", args: [{ param: "session_id" }], result: "value", name: "session", print: ["status", "hostname"] },
    cli: { words: ["sessions", "get"], args: [{ param: "session_id" }] },
  },
  updateSession: {
    client: {
      call: "sessions.update",
      args: [{ param: "session_id" }, { body: "" }],
      result: "value",
      name: "session",
      print: ["maxLeaseTimeMinutes"],
    },
    cli: { words: ["sessions", "update"], args: [{ param: "session_id" }], flags: { lease: { body: "/maxLeaseTimeMinutes" } } },
  },
  listSessions: {
    client: { call: "sessions.list", args: [], result: "list", name: "session", print: ["id", "status"] },
    cli: { words: ["sessions", "list"], args: [] },
  },
  stopSession: {
    client: { call: "sessions.stop", args: [{ param: "session_id" }], result: "none" },
    cli: { words: ["sessions", "stop"], args: [{ param: "session_id" }] },
  },
  createConversion: {
    client: {
      call: "conversions.create",
      // The client takes the bare settings; it wraps them in {"settings": …} itself.
      args: [{ param: "conversion_id" }, { body: "/settings" }],
      result: "value",
      name: "conversion",
      print: ["id", "status"],
    },
    cli: {
      words: ["conversions", "create"],
      args: [{ param: "conversion_id" }],
      flags: {
        "input-container": { body: "/settings/inputLocation/storageContainerUri" },
        "input-prefix": { body: "/settings/inputLocation/blobPrefix" },
        "input-asset": { body: "/settings/inputLocation/relativeInputAssetPath" },
        "output-container": { body: "/settings/outputLocation/storageContainerUri" },
        "output-prefix": { body: "/settings/outputLocation/blobPrefix" },
        "output-name": { body: "/settings/outputLocation/outputAssetFilename" },
      },
    },
  },
  getConversion: {
    client: { call: "conversions.get", args: [{ param: "conversion_id" }], result: "value", name: "conversion", print: ["status"] },
    cli: { words: ["conversions", "get"], args: [{ param: "conversion_id" }] },
  },
  listConversions: {
    client: { call: "conversions.list", args: [], result: "list", name: "conversion", print: ["id", "status"] },
    cli: { words: ["conversions", "list"], args: [] },
  },
  getToken: {
    // The client exchanges the credential itself; getAccessToken shows the token it would send.
    client: { call: "getAccessToken", args: [], result: "value", name: "accessToken" },
    cli: { words: ["token"], args: [] },
  },
};

export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

/** The part of a bundled OpenAPI document the samples read. */
export interface SampleDocument {
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, ParameterNode>; examples?: Record<string, { value?: unknown }> };
}

interface ParameterNode {
  $ref?: string;
  name?: string;
  in?: string;
  example?: unknown;
  required?: boolean;
  schema?: { const?: unknown; default?: unknown };
}

interface OperationNode {
  operationId?: string;
  parameters?: ParameterNode[];
  requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown; $ref?: string }> }> };
  "x-codeSamples"?: CodeSample[];
}

/** The environment both shell samples read; `arr emulator` prints these lines for a local run. */
export const sampleEnvironment = {
  endpoint: "ARR_ENDPOINT",
  stsEndpoint: "ARR_STS_ENDPOINT",
  accountId: "ARR_ACCOUNT_ID",
  accountKey: "ARR_ACCOUNT_KEY",
  token: "ARR_TOKEN",
} as const;

const methods = ["get", "put", "post", "patch", "delete"] as const;
const accountParameters = new Set(["account_id", "accountId"]);

function fail(operationId: string, message: string): never {
  throw new Error(`code samples: ${operationId}: ${message} (see scripts/lib/code-samples.ts)`);
}

function resolveParameter(document: SampleDocument, parameter: ParameterNode): ParameterNode {
  const name = parameter.$ref?.replace("#/components/parameters/", "");
  return name === undefined ? parameter : (document.components?.parameters?.[name] ?? {});
}

function requestExample(document: SampleDocument, operation: OperationNode): unknown {
  const example = Object.values(Object.values(operation.requestBody?.content ?? {})[0]?.examples ?? {})[0];
  const name = example?.$ref?.replace("#/components/examples/", "");
  return name === undefined ? example?.value : document.components?.examples?.[name]?.value;
}

function pointer(value: unknown, path: string, operationId: string): unknown {
  let node = value;
  for (const key of path.split("/").slice(1)) {
    if (node === null || typeof node !== "object" || !(key in node)) {
      fail(operationId, `the request example has nothing at ${path}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined) fail(operationId, `the operation has no request example for ${path || "the body"}`);
  return node;
}

function serverUrl(document: SampleDocument): string {
  const server = document.servers?.[0];
  if (!server) throw new Error("code samples: the spec has no server");
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
}

function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function tsLiteral(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2)
    .replace(/"([A-Za-z_$][\w$]*)":/g, "$1:")
    .replace(/([^{[,\n])\n(\s*[}\]])/g, "$1,\n$2") // trailing commas, as a formatter would write them
    .replace(/\n/g, `\n${indent}`);
}

interface Resolved {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: ParameterNode[];
  readonly body: unknown;
}

function valueOf(op: Resolved, source: Source): unknown {
  if ("body" in source) return pointer(op.body, source.body, op.operationId);
  const parameter = op.parameters.find((p) => p.name === source.param && p.in === "path");
  if (parameter?.example === undefined) fail(op.operationId, `no path parameter ${source.param} with an example`);
  return parameter.example;
}

function typescriptSample(op: Resolved, description: SampleDescription, header: string): string {
  const { client } = description;
  const args = client.args.map((source) => {
    const value = valueOf(op, source);
    return typeof value === "string" ? JSON.stringify(value) : tsLiteral(value, "");
  });
  const call = `client.${client.call}(${args.join(", ")})`;
  const name = client.name ?? "result";
  const printed = (client.print ?? []).map((field) => `${name}.${field}`).join(", ");
  const lines =
    client.result === "list"
      ? [`for await (const ${name} of ${call}) {`, `  console.log(${printed});`, `}`]
      : client.result === "none"
        ? [`await ${call};`]
        : [`const ${name} = await ${call};`, ...(printed ? [`console.log(${printed});`] : [])];
  return `${header}\n${lines.join("\n")}\n`;
}

function arrSample(op: Resolved, description: SampleDescription): string {
  const { cli } = description;
  const command = commands.find((c) => c.words.join(" ") === cli.words.join(" "));
  if (!command) fail(op.operationId, `arr has no command "${cli.words.join(" ")}"`);
  if (command.args.length !== cli.args.length) {
    fail(op.operationId, `arr ${cli.words.join(" ")} takes ${command.args.length} argument(s), the sample gives ${cli.args.length}`);
  }
  const flags = Object.entries(cli.flags ?? {});
  for (const [flag] of flags) {
    if (!(flag in command.options)) fail(op.operationId, `arr ${cli.words.join(" ")} has no flag --${flag}`);
  }
  for (const flag of command.required ?? []) {
    if (!flags.some(([name]) => name === flag)) fail(op.operationId, `the sample misses the required flag --${flag}`);
  }
  const words = [...cli.words, ...cli.args.map((source) => shellWord(String(valueOf(op, source))))];
  const flagWords = flags.map(([flag, source]) => `--${flag} ${shellWord(String(valueOf(op, source)))}`);
  const comment = `# with the ARR_* environment set (for a local run, 'arr emulator' prints it)`;
  const line = ["arr", ...words, ...flagWords].join(" ");
  // Long commands wrap one flag per line, as they would be typed into a script.
  const command_ = line.length <= 100 ? line : ["arr " + words.join(" "), ...flagWords].join(" \\\n  ");
  return `${comment}\n${command_}\n`;
}

function curlSample(op: Resolved, spec: "remote-rendering" | "mixed-reality-sts"): string {
  const env = sampleEnvironment;
  const query: string[] = [];
  for (const parameter of op.parameters) {
    // A fixed value, or the example of a required one (api-version: one of two accepted versions).
    const value = parameter.schema?.const ?? (parameter.required ? (parameter.example ?? parameter.schema?.default) : undefined);
    if (parameter.in !== "query" || value === undefined) continue;
    query.push(`${parameter.name}=${String(value)}`);
  }
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    accountParameters.has(name) ? `$${env.accountId}` : String(valueOf(op, { param: name })),
  );
  const base = spec === "remote-rendering" ? env.endpoint : env.stsEndpoint;
  const url = `"$${base}${path}${query.length ? `?${query.join("&")}` : ""}"`;
  const authorization = spec === "remote-rendering" ? `$${env.token}` : `$${env.accountId}:$${env.accountKey}`;
  const lines = [`curl --fail-with-body -sS${op.method === "get" ? "" : ` -X ${op.method.toUpperCase()}`} ${url}`];
  lines.push(`-H "Authorization: Bearer ${authorization}"`);
  if (op.body !== undefined) {
    const json = JSON.stringify(op.body, null, 2);
    if (json.includes("'")) fail(op.operationId, "the request example holds a single quote, which the curl sample cannot quote");
    lines.push(`-H "Content-Type: application/json"`, `-d '${json.replace(/\n/g, "\n  ")}'`);
  } else if (op.method !== "get") {
    lines.push(`-H "Content-Length: 0"`);
  }
  const comment =
    spec === "remote-rendering"
      ? `# ${env.token}: an access token of the account, e.g. ${env.token}=$(arr token)`
      : `# exchanges the account key for an access token`;
  return `${comment}\n${lines.join(" \\\n  ")}\n`;
}

function typescriptHeader(rr: SampleDocument, sts: SampleDocument): string {
  const accountId = rr.components?.parameters?.["account_id"]?.example;
  const stsServer = sts.servers?.[0];
  const accountDomain = stsServer?.variables?.["accountDomain"]?.default;
  if (typeof accountId !== "string" || typeof accountDomain !== "string") {
    throw new Error("code samples: the specs name no example account id (account_id) or account domain (accountDomain)");
  }
  return [
    `import { createRemoteRenderingClient } from "remote-rendering-client";`,
    ``,
    `const client = createRemoteRenderingClient({`,
    `  endpoint: ${JSON.stringify(serverUrl(rr))},`,
    `  accountId: ${JSON.stringify(accountId)},`,
    `  accountDomain: ${JSON.stringify(accountDomain)},`,
    `  credential: { accountKey: process.env.${sampleEnvironment.accountKey} ?? "" },`,
    `});`,
    ``,
  ].join("\n");
}

/**
 * Adds `x-codeSamples` to every operation of both bundled documents (in place). Throws when an operation has no
 * description, a description names an operation the specs lack, or a sample cannot be rendered from the spec.
 */
export function addCodeSamples(rr: SampleDocument, sts: SampleDocument): void {
  const header = typescriptHeader(rr, sts);
  const seen = new Set<string>();
  for (const [spec, document] of [
    ["remote-rendering", rr],
    ["mixed-reality-sts", sts],
  ] as const) {
    for (const [path, item] of Object.entries(document.paths)) {
      const shared = (item["parameters"] as ParameterNode[] | undefined) ?? [];
      for (const method of methods) {
        const operation = item[method] as OperationNode | undefined;
        if (!operation?.operationId) continue;
        const operationId = operation.operationId;
        const description = sampleDescriptions[operationId];
        if (!description) fail(operationId, "the operation has no sample description");
        seen.add(operationId);
        const op: Resolved = {
          operationId,
          method,
          path,
          parameters: [...shared, ...(operation.parameters ?? [])].map((p) => resolveParameter(document, p)),
          body: requestExample(document, operation),
        };
        operation["x-codeSamples"] = [
          { lang: "typescript", label: "TypeScript", source: typescriptSample(op, description, header) },
          { lang: "bash", label: "arr", source: arrSample(op, description) },
          { lang: "bash", label: "curl", source: curlSample(op, spec) },
        ];
      }
    }
  }
  for (const operationId of Object.keys(sampleDescriptions)) {
    if (!seen.has(operationId)) fail(operationId, "described, but no operation of the specs has this operationId");
  }
}
