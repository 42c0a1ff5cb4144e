// The point of the https emulator (issue 12): a client built exactly as Microsoft's SDKs build theirs —
// @azure/core-rest-pipeline with bearerTokenAuthenticationPolicy and a TokenCredential that exchanges the
// account key at the STS — works against `startEmulator({ https: true })` trusting nothing but the emulator's
// CA: a session's whole life and a conversion. Over plain http the same pipeline refuses to send the token,
// which is why the emulator needed TLS at all.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
} from "@azure/core-rest-pipeline";
import { createManualClock, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { ACCOUNT, KEY } from "./support.js";

const ARR_API = "2021-01-01";
const STS_API = "2019-02-28-preview";
const SAS = "sv=2021-08-06&sr=c&sp=rl&sig=pipeline-test-c2lnbmF0dXJl";

/** What the SDKs' account-key credential does: GET {sts}/Accounts/{id}/token with `Bearer <id>:<key>`. */
class AccountKeyCredential implements TokenCredential {
  exchanges = 0;
  constructor(
    private readonly sts: string,
    private readonly pipeline: Pipeline,
    private readonly client: HttpClient,
  ) {}

  async getToken(): Promise<AccessToken> {
    this.exchanges++;
    const request = createPipelineRequest({
      url: `${this.sts}/Accounts/${ACCOUNT}/token?api-version=${STS_API}`,
      method: "GET",
      headers: createHttpHeaders({ authorization: `Bearer ${ACCOUNT}:${KEY}` }),
    });
    const response = await this.pipeline.sendRequest(this.client, request);
    assert.equal(response.status, 200, `the STS answered ${response.status}: ${response.bodyAsText}`);
    const token = (JSON.parse(response.bodyAsText ?? "{}") as { AccessToken: string }).AccessToken;
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { exp: number };
    return { token, expiresOnTimestamp: claims.exp * 1000 };
  }
}

/** The pipeline an SDK builds: default policies (retries, user agent, …), TLS settings, bearer token policy. */
function arrClient(endpoint: string, ca: string | undefined) {
  const client = createDefaultHttpClient();
  const tls = ca === undefined ? {} : { tlsOptions: { ca } };
  const stsPipeline = createPipelineFromOptions({ ...tls, retryOptions: { maxRetries: 0 } });
  const credential = new AccountKeyCredential(endpoint, stsPipeline, client);
  const pipeline = createPipelineFromOptions({ ...tls, retryOptions: { maxRetries: 0 } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: "https://sts.mixedreality.azure.com/.default" }));
  const send = async (method: HttpMethods, path: string, body?: unknown) => {
    const request = createPipelineRequest({
      url: `${endpoint}/accounts/${ACCOUNT}${path}?api-version=${ARR_API}`,
      method,
      headers: createHttpHeaders(body === undefined ? {} : { "content-type": "application/json" }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await pipeline.sendRequest(client, request);
    return { status: response.status, body: response.bodyAsText ? (JSON.parse(response.bodyAsText) as Record<string, unknown>) : undefined };
  };
  return { send, credential };
}

async function emulator(t: { after: (fn: () => Promise<void>) => void }, https: boolean) {
  // Manual, but starting now: the pipeline judges the token's exp by the real clock.
  const clock = createManualClock(Date.now());
  const started: Emulator = await startEmulator({ https, clock, startupSeconds: 5, conversionSeconds: 30 });
  t.after(() => started.close());
  return { started, clock };
}

test("an Azure core-rest-pipeline client runs sessions and a conversion against the https emulator", async (t) => {
  const { started, clock } = await emulator(t, true);
  const ca = started.tls?.ca;
  assert.ok(ca !== undefined);
  // tlsOptions.ca replaces Node's roots: the emulator's CA is the only one trusted.
  const { send, credential } = arrClient(started.url, ca);

  const created = await send("PUT", "/sessions/sdk-1", { size: "Standard", maxLeaseTimeMinutes: 30 });
  assert.equal(created.status, 201);
  assert.equal(created.body?.["status"], "Starting");
  clock.advance(5_000);
  const ready = await send("GET", "/sessions/sdk-1");
  assert.equal(ready.status, 200);
  assert.equal(ready.body?.["status"], "Ready");
  assert.match(String(ready.body?.["hostname"]), /\.remoterendering\.vm\.eastus\.mixedreality\.azure\.com$/);
  const updated = await send("PATCH", "/sessions/sdk-1", { maxLeaseTimeMinutes: 60 });
  assert.equal(updated.status, 200);
  assert.equal(updated.body?.["maxLeaseTimeMinutes"], 60);
  const listed = await send("GET", "/sessions");
  assert.deepEqual((listed.body?.["sessions"] as { id: string }[]).map((s) => s.id), ["sdk-1"]);
  assert.equal((await send("POST", "/sessions/sdk-1/:stop")).status, 204);
  assert.equal((await send("GET", "/sessions/sdk-1")).body?.["status"], "Stopped");

  const conversion = await send("PUT", "/conversions/sdk-c", {
    settings: {
      inputLocation: {
        storageContainerUri: "https://contoso.blob.core.windows.net/input",
        relativeInputAssetPath: "robot.fbx",
        storageContainerReadListSas: SAS,
      },
      outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/output", storageContainerWriteSas: SAS },
    },
  });
  assert.equal(conversion.status, 201, JSON.stringify(conversion.body));
  clock.advance(30_000);
  const done = await send("GET", "/conversions/sdk-c");
  assert.equal(done.body?.["status"], "Succeeded", JSON.stringify(done.body));
  assert.equal((done.body?.["output"] as { outputAssetUri: string }).outputAssetUri, "https://contoso.blob.core.windows.net/output/robot.arrAsset");
  assert.ok(!JSON.stringify(done.body).includes("sig="), "the SAS is never echoed");
  assert.equal(credential.exchanges, 1, "the pipeline caches the token it got from the STS");
});

test("the same pipeline over plain http refuses to send the bearer token: what the https emulator is for", async (t) => {
  const { started } = await emulator(t, false);
  assert.match(started.url, /^http:/);
  const { send, credential } = arrClient(started.url, undefined);
  await assert.rejects(send("GET", "/sessions"), /Bearer token authentication is not permitted for non-TLS protected \(non-https\) URLs/);
  assert.equal(credential.exchanges, 0, "nothing was exchanged either");
});

test("the pipeline trusting Node's roots only (not the emulator's CA) fails the handshake", async (t) => {
  const { started } = await emulator(t, true);
  const { send } = arrClient(started.url, undefined);
  await assert.rejects(send("GET", "/sessions"), (error: Error & { code?: string }) => {
    assert.match(`${error.code} ${error.message}`, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/);
    return true;
  });
});
