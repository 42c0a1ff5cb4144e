// Test harness of the emulator suite: an in-process emulator (test/support/in-process-emulator.ts) with a token
// cache per account, and a check of each answer against the spec (status listed, required headers, body schema).
import assert from "node:assert/strict";
import remoteRendering from "../../generated/remote-rendering.json" with { type: "json" };
import type { EmulatorOptions } from "../../src/emulator/index.js";
import { ACCOUNT, KEY, callAccount, startManualEmulator, stsToken, type ManualEmulator, type Reply } from "../support/in-process-emulator.js";
import { documents, resolveRef, validateAgainst, type DocumentName } from "../support/spec-validator.js";

export { ACCOUNT, API, KEY, STS_API, reply, type Reply } from "../support/in-process-emulator.js";

export interface Harness extends ManualEmulator {
  /** A fresh STS token of `accountId` (default: the development account). */
  token(accountId?: string, accountKey?: string): Promise<string>;
  /** Calls `path` (relative to `/accounts/<account>`, with api-version added) with the default token. */
  call(method: string, path: string, body?: unknown, init?: { token?: string; account?: string }): Promise<Reply>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  // conversionBody() converts from the storage account `contoso` without SAS tokens: linked here explicitly, as
  // the service needs (a test of the 403 passes its own linkedStorage or another account).
  const started = await startManualEmulator({ linkedStorage: ["contoso"], ...options });
  const { emulator, url } = started;
  const tokens = new Map<string, string>();
  const token = (accountId = ACCOUNT, accountKey?: string) =>
    stsToken(url, accountId, accountKey ?? emulator.accounts.find((a) => a.accountId === accountId)?.accountKey ?? KEY);
  const call: Harness["call"] = async (method, path, body, init = {}) => {
    const account = init.account ?? ACCOUNT;
    let bearer = init.token;
    if (bearer === undefined) {
      bearer = tokens.get(account) ?? (await token(account));
      tokens.set(account, bearer);
    }
    return callAccount(url, method, path, body, { token: bearer, account });
  };
  return { ...started, token, call };
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
export function assertConforms(operationId: string, a: Reply): void {
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
