// Test harness of the emulator: start one with a manual clock, fetch tokens, call operations with plain
// fetch, and check each answer against the spec (status listed, required headers, body schema).
import assert from "node:assert/strict";
import remoteRendering from "../../generated/remote-rendering.json" with { type: "json" };
import { constraints } from "../../generated/constraints.js";
import {
  DEVELOPMENT_ACCOUNT_ID,
  DEVELOPMENT_ACCOUNT_KEY,
  createManualClock,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ManualClock,
} from "../../src/emulator/index.js";
import { documents, resolveRef, validateAgainst, type DocumentName } from "../support/spec-validator.js";

export const API = `api-version=${constraints.apiVersion}`;
export const STS_API = `api-version=${constraints.stsApiVersion}`;
export const ACCOUNT = DEVELOPMENT_ACCOUNT_ID;
export const KEY = DEVELOPMENT_ACCOUNT_KEY;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface Harness {
  readonly emulator: Emulator;
  readonly clock: ManualClock;
  readonly url: string;
  readonly logs: string[];
  /** A fresh STS token of `accountId` (default: the development account). */
  token(accountId?: string, accountKey?: string): Promise<string>;
  /** Calls `path` (relative to `/accounts/<account>`, with api-version added) with the default token. */
  call(method: string, path: string, body?: unknown, init?: { token?: string; account?: string }): Promise<Answer>;
  close(): Promise<void>;
}

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const clock = createManualClock();
  const logs: string[] = [];
  // conversionBody() converts from the storage account `contoso` without SAS tokens: linked here explicitly, as
  // the service needs (a test of the 403 passes its own linkedStorage or another account).
  const emulator = await startEmulator({ clock, log: (line) => logs.push(line), linkedStorage: ["contoso"], ...options });
  const url = emulator.url;
  const tokens = new Map<string, string>();
  const token = async (accountId = ACCOUNT, accountKey?: string) => {
    const key = accountKey ?? emulator.accounts.find((a) => a.accountId === accountId)?.accountKey ?? KEY;
    const r = await fetch(`${url}/Accounts/${accountId}/token?${STS_API}`, { headers: { Authorization: `Bearer ${accountId}:${key}` } });
    assert.equal(r.status, 200, `STS answered ${r.status}`);
    return ((await r.json()) as { AccessToken: string }).AccessToken;
  };
  const call: Harness["call"] = async (method, path, body, init = {}) => {
    const account = init.account ?? ACCOUNT;
    let bearer = init.token;
    if (bearer === undefined) {
      bearer = tokens.get(account) ?? (await token(account));
      tokens.set(account, bearer);
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const separator = path.includes("?") ? "&" : "?";
    const response = await fetch(`${url}/accounts/${account}${path}${separator}${API}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return answer(response);
  };
  return { emulator, clock, url, logs, token, call, close: () => emulator.close() };
}

type Json = Record<string, unknown>;


/** Where an operation lives in a spec: its document name and the operation object. */
function operation(operationId: string): { spec: DocumentName; op: Json } {
  for (const spec of Object.keys(documents) as DocumentName[]) {
    const document = documents[spec] as unknown as Json;
    for (const item of Object.values(document["paths"] as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        if (method !== "parameters" && (op as Json)["operationId"] === operationId) return { spec, op: op as Json };
      }
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** Asserts that an answer is one the spec allows for the operation: status, headers and body. */
export function assertConforms(operationId: string, a: Answer): void {
  const { spec, op } = operation(operationId);
  const document = documents[spec] as unknown as Json;
  const responses = op["responses"] as Json;
  const key = String(a.status) in responses ? String(a.status) : "default";
  assert.ok(key in responses, `${operationId}: status ${a.status} is not in the spec`);
  const response = resolveRef(document, responses[key] as Json);
  assert.ok(a.headers.get("ms-cv"), `${operationId} ${a.status}: MS-CV missing`);
  for (const [name, header] of Object.entries((response["headers"] ?? {}) as Json)) {
    if (name === "MS-CV") continue;
    // A header the spec marks `required: false` ("may be sent", Retry-After on get-conversion) may be absent.
    if (resolveRef(document, header as Json)["required"] === false) continue;
    // The spec lists WWW-Authenticate and Retry-After where the service sends them: we always do.
    assert.ok(a.headers.get(name) !== null, `${operationId} ${a.status}: header ${name} missing`);
  }
  if (a.status === 401) assert.ok(a.headers.get("www-authenticate"), "401 without WWW-Authenticate");
  if (a.status === 429) assert.match(a.headers.get("retry-after") ?? "", /^\d+$/, "429 without integer Retry-After");
  const media = ((response["content"] ?? {}) as Json)["application/json"] as Json | undefined;
  if (a.text === "") {
    assert.ok(a.status === 204 || media === undefined || a.status >= 400, `${operationId} ${a.status}: empty body`);
    return;
  }
  assert.ok(media !== undefined, `${operationId} ${a.status}: a body the spec does not describe`);
  assert.match(a.headers.get("content-type") ?? "", /^application\/json/);
  const schema = media["schema"] as Json;
  const pointer = typeof schema["$ref"] === "string" ? (schema["$ref"] as string) : "";
  assert.ok(pointer.startsWith("#/"), "response schemas are references");
  assert.deepEqual(validateAgainst(spec, pointer, a.body), [], `${operationId} ${a.status}: body does not match ${pointer}: ${a.text}`);
}

export const remoteRenderingDocument = remoteRendering;

export const sessionBody = (maxLeaseTimeMinutes = 10, size: "Standard" | "Premium" = "Standard") => ({ maxLeaseTimeMinutes, size });

export const conversionBody = (relativeInputAssetPath = "robot/robot.fbx", extra: Json = {}, output: Json = {}) => ({
  settings: {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/input", relativeInputAssetPath, ...extra },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/output", ...output },
  },
});
