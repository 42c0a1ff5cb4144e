// Values of the service's recorded traffic, and builders of what tests script and create.
import { createRemoteRenderingClient, type RemoteRenderingClientOptions } from "../../src/index.js";
import { createFakeClock, type FakeClock } from "./fake-clock.js";
import type { ScriptedServer } from "./scripted-server.js";

export const accountId = "30ea64bd-100f-4bf0-adc9-29fa45d4880c";
export const accountDomain = "eastus.mixedreality.azure.com";
/** A made-up account key, recognisable when scanning for leaks. */
export const accountKey = "S3cr3tAccountKey+abcdefghijklmnopqrstuvwx0123456789=";
export const sessionsPath = `/accounts/${accountId}/sessions`;
export const conversionsPath = `/accounts/${accountId}/conversions`;
export const stsPath = `/Accounts/${accountId}/token`;
export const sessionPath = (id: string) => `${sessionsPath}/${id}`;
export const conversionPath = (id: string) => `${conversionsPath}/${id}`;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An unsigned JWT whose `exp` is `expSeconds` (seconds since the epoch); `id` makes tokens distinct. */
export function fakeJwt(expSeconds: number, id = "1"): string {
  return `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ accountId, exp: expSeconds, jti: id })}.c2lnbmF0dXJlLSR7aWR9`;
}

/** A session as the service sends it. */
export function session(id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { id, creationTime: "2020-11-11T11:11:11.111Z", maxLeaseTimeMinutes: 60, size: "Standard", status, elapsedTimeMinutes: 0, error: null };
  if (status === "Ready") Object.assign(base, { hostname: "d4cefb7b-10b9-4631-934d-67445ffa9126.remoterenderingvm.westus2.mixedreality.azure.com", handshakePort: 50051, arrInspectorPort: 50052, teraflops: 10.6 });
  return { ...base, ...extra };
}

/** Settings of a conversion with linked storage. */
export const conversionSettings = {
  inputLocation: { storageContainerUri: "https://contosostorage.blob.core.windows.net/input", relativeInputAssetPath: "robot/robot.fbx", blobPrefix: "robot/" },
  outputLocation: { storageContainerUri: "https://contosostorage.blob.core.windows.net/output", blobPrefix: "converted/", outputAssetFilename: "robot.arrAsset" },
} as const;

/** A conversion as the service sends it. */
export function conversion(id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, creationTime: "2020-11-11T11:11:11.111Z", status, error: null, settings: conversionSettings, ...extra };
}

/** An `error_response` body. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}

/** A client of the scripted server with a fake clock; an access token credential unless overridden. */
export function clientFor(
  server: ScriptedServer,
  overrides: Partial<RemoteRenderingClientOptions> = {},
): { client: ReturnType<typeof createRemoteRenderingClient>; clock: FakeClock } {
  const clock = (overrides.clock as FakeClock | undefined) ?? createFakeClock();
  const client = createRemoteRenderingClient({
    endpoint: server.url,
    stsEndpoint: server.url,
    accountId,
    accountDomain,
    credential: { accessToken: fakeJwt(4102444800, "static") },
    random: () => 0.5, // half of every jitter range: delays are exact and checkable
    ...overrides,
    clock,
  });
  return { client, clock };
}
