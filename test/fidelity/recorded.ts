// What the live service sent and accepted, built by hand from /work/shared/reference/observed-service.md and
// arr-rest-2021-01-01.md (the recordings themselves are not reachable from here). Values the reference pins
// down are kept exactly; where it elides a value ("arreustandard3eaadc…", a JWT), a stand-in of the same JSON
// type and form is used, and the comment says so.

/** A recorded body, with the schema of the spec that must accept it. */
export interface RecordedBody {
  readonly name: string;
  /** JSON pointer into generated/remote-rendering.json or mixed-reality-sts.json. */
  readonly schema: string;
  readonly spec: "remote-rendering" | "mixed-reality-sts";
  readonly body: unknown;
}

const schema = (name: string) => `#/components/schemas/${name}`;

export const API_SUPPORTED_VERSIONS = "2021-01-01-preview, 2021-01-01, 2021-08-01-preview";
/** `MS-CV`: 22 base64 characters then `.0` (e.g. `Bn2MZwrqxE26LkaXCbwxvQ.0`). */
export const MS_CV = /^[A-Za-z0-9+/]{22}\.0$/;
export const JSON_UTF8 = "application/json; charset=utf-8";
/** Session creationTime as recorded in 2024: 7 fractional digits and `+00:00`. */
export const SESSION_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/;
/** Conversion creationTime as recorded in 2024: 7 fractional digits and `Z`. */
export const CONVERSION_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
/** `<name>.remoterendering.vm.<region>.mixedreality.azure.com`. */
export const hostnameIn = (region: string) => new RegExp(`^[A-Za-z0-9-]+\\.remoterendering\\.vm\\.${region}\\.mixedreality\\.azure\\.com$`);

export const NEGATIVE_LEASE_MESSAGE = "The maxLeaseTimeMinutes value cannot be negative.";
export const LINKED_STORAGE_MESSAGE =
  "Storage account not linked or linked with insufficient permissions. Documentation on how to link Remote Rendering " +
  "Accounts to storage can be found here: https://docs.microsoft.com/azure/remote-rendering/how-tos/create-an-account#link-storage-accounts.";
export const INPUT_MISSING_MESSAGE =
  "Could not find the asset file in the storage account. Please make sure all paths and names are correct and the file is uploaded to storage.";

// ---------------------------------------------------------------- sessions

/** 2024 (JS SDK, eastus2): PUT lease 4 → 201 Starting; hostname, ports and teraflops omitted, no error key. */
export const session2024Starting = {
  id: "recorded-session",
  creationTime: "2024-04-30T12:03:35.0097206+00:00",
  elapsedTimeMinutes: 0,
  maxLeaseTimeMinutes: 4,
  size: "Standard",
  status: "Starting",
};

/** 2024: Ready, with the recorded hostname, non-adjacent ports and 8.1 teraflops. */
export const session2024Ready = {
  id: "recorded-session",
  creationTime: "2024-04-30T12:03:35.0097206+00:00",
  arrInspectorPort: 63047,
  handshakePort: 52483,
  elapsedTimeMinutes: 0,
  hostname: "lb00.remoterendering.vm.eastus2.mixedreality.azure.com",
  maxLeaseTimeMinutes: 4,
  size: "Standard",
  status: "Ready",
  teraflops: 8.1,
};

/** 2024: after `:stop`: hostname and ports dropped, elapsedTimeMinutes and teraflops kept. */
export const session2024Stopped = {
  id: "recorded-session",
  creationTime: "2024-04-30T12:03:35.0097206+00:00",
  elapsedTimeMinutes: 0,
  maxLeaseTimeMinutes: 5,
  size: "Standard",
  status: "Stopped",
  teraflops: 8.1,
};

/** 2021 (.NET SDK, westeurope): Starting with null / 0 / 0 / 0.0 and `error: null`. */
export const session2021Starting = {
  id: "recorded-session-2021",
  arrInspectorPort: 0,
  creationTime: "2021-01-12T10:49:19.3254032+00:00",
  elapsedTimeMinutes: 0,
  handshakePort: 0,
  hostname: null,
  maxLeaseTimeMinutes: 4,
  size: "Standard",
  status: "Starting",
  teraflops: 0.0,
  error: null,
};

/** 2021: Ready with 10.6 teraflops; the hostname's name is elided in the reference ("977007394-13adf859-…"). */
export const session2021Ready = {
  ...session2021Starting,
  arrInspectorPort: 52000,
  handshakePort: 50051,
  hostname: "977007394-13adf859-0000.remoterendering.vm.westeurope.mixedreality.azure.com",
  status: "Ready",
  teraflops: 10.6,
};

/** SDK test runs met a size the spec does not list (azure-sdk-for-js #30883, #31462). */
export const sessionTinySize = { ...session2024Starting, id: "tiny-session", size: "Tiny" };

/** 2024: the session list's last page had no `@nextLink` key at all. */
export const sessionList2024 = { sessions: [session2024Ready] };

/** 2024 and 2021: a negative lease → 400; 2021 also sent target, details and innerError as null. */
export const negativeLease2024 = { error: { code: "BadRequest", message: NEGATIVE_LEASE_MESSAGE } };
export const negativeLease2021 = { error: { code: "BadRequest", message: NEGATIVE_LEASE_MESSAGE, target: null, details: null, innerError: null } };

// ---------------------------------------------------------------- conversions

const recordedInput = {
  storageContainerUri: "https://arrteststorage.blob.core.windows.net/test",
  relativeInputAssetPath: "testBox.fbx",
  blobPrefix: "Input/",
};
const recordedOutput = {
  storageContainerUri: "https://arrteststorage.blob.core.windows.net/test",
  blobPrefix: "Output/",
  outputAssetFilename: "testBox.arrAsset",
};

/** 2024: PUT with SAS → 201 NotStarted; `Input` came back `Input/`, the name filled in, no SAS, `error: null`. */
export const conversion2024NotStarted = {
  id: "recorded-conversion",
  settings: { inputLocation: recordedInput, outputLocation: recordedOutput },
  status: "NotStarted",
  error: null,
  creationTime: "2024-04-30T12:00:50.5408301Z",
};

/** Succeeded: `output.outputAssetUri` = container + output blobPrefix + outputAssetFilename. */
export const conversionSucceeded = {
  ...conversion2024NotStarted,
  status: "Succeeded",
  output: { outputAssetUri: "https://arrteststorage.blob.core.windows.net/test/Output/testBox.arrAsset" },
};

/** 2024: a missing input asset ended Failed with InputContainerError. */
export const conversion2024Failed = {
  ...conversion2024NotStarted,
  id: "missing-asset",
  settings: { inputLocation: { ...recordedInput, relativeInputAssetPath: "boxWhichDoesNotExist.fbx" }, outputLocation: { ...recordedOutput, outputAssetFilename: "boxWhichDoesNotExist.arrAsset" } },
  status: "Failed",
  error: { code: "InputContainerError", message: INPUT_MISSING_MESSAGE },
};

/** 2022: the same failure as ConversionProcessFailed. */
export const conversion2022Failed = {
  ...conversion2024Failed,
  error: { code: "ConversionProcessFailed", message: "Invalid input provided. Check logs in output container for details." },
};

/** 2021 and 2024: the conversion list's last page carried `"@nextLink": null`. */
export const conversionList = { conversions: [conversion2024NotStarted], "@nextLink": null };

/** No SAS on a storage account that is not linked. */
export const linkedStorageFailure = { error: { code: "LinkedStorageAccessFailure", message: LINKED_STORAGE_MESSAGE } };
/** Live 403s on conversions carried a body although Microsoft's description names none. */
export const delegatedAccessFailure = { error: { code: "DelegatedResourceAccessError", message: "The account has no access to the storage container." } };

// ---------------------------------------------------------------- token service

/** The STS answer; the JWT stands in for the recorded one (same form: three base64url parts). */
export const stsToken = { AccessToken: "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MTQ1NjU4MDAsImlhdCI6MTcxNDQ3OTQwMH0.c2lnbmF0dXJl" };

// ---------------------------------------------------------------- requests Microsoft's own samples sent

/** Microsoft's PowerShell sample: lower-case size. */
export const powershellCreateSession = { maxLeaseTimeMinutes: 4, size: "standard" };
/** Microsoft's PowerShell scripts: empty blobPrefix / outputAssetFilename mean "not set"; extra parameters merged in. */
export const powershellCreateConversion = {
  settings: {
    inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/input", relativeInputAssetPath: "robot.fbx", blobPrefix: "", storageContainerReadListSas: "sv=2020-08-04&sp=rl&sig=READ" },
    outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/output", blobPrefix: "", outputAssetFilename: "", storageContainerWriteSas: "sv=2020-08-04&sp=rwdl&sig=WRITE" },
  },
  extraParameter: "merged in by the script",
};

/** Every recorded answer body, with the schema the spec gives it. */
export const recordedBodies: readonly RecordedBody[] = [
  { name: "2024 session Starting", spec: "remote-rendering", schema: schema("session_properties"), body: session2024Starting },
  { name: "2024 session Ready", spec: "remote-rendering", schema: schema("session_properties"), body: session2024Ready },
  { name: "2024 session Stopped", spec: "remote-rendering", schema: schema("session_properties"), body: session2024Stopped },
  { name: "2021 session Starting (nulls and zeros)", spec: "remote-rendering", schema: schema("session_properties"), body: session2021Starting },
  { name: "2021 session Ready", spec: "remote-rendering", schema: schema("session_properties"), body: session2021Ready },
  { name: "session of size Tiny", spec: "remote-rendering", schema: schema("session_properties"), body: sessionTinySize },
  { name: "2024 session list without @nextLink", spec: "remote-rendering", schema: schema("sessions_list"), body: sessionList2024 },
  { name: "2024 negative lease", spec: "remote-rendering", schema: schema("error_response"), body: negativeLease2024 },
  { name: "2021 negative lease (nulls)", spec: "remote-rendering", schema: schema("error_response"), body: negativeLease2021 },
  { name: "2024 conversion NotStarted", spec: "remote-rendering", schema: schema("conversion"), body: conversion2024NotStarted },
  { name: "conversion Succeeded", spec: "remote-rendering", schema: schema("conversion"), body: conversionSucceeded },
  { name: "2024 conversion Failed", spec: "remote-rendering", schema: schema("conversion"), body: conversion2024Failed },
  { name: "2022 conversion Failed", spec: "remote-rendering", schema: schema("conversion"), body: conversion2022Failed },
  { name: "conversion list with @nextLink null", spec: "remote-rendering", schema: schema("conversions_list"), body: conversionList },
  { name: "403 LinkedStorageAccessFailure", spec: "remote-rendering", schema: schema("error_response"), body: linkedStorageFailure },
  { name: "403 DelegatedResourceAccessError", spec: "remote-rendering", schema: schema("error_response"), body: delegatedAccessFailure },
  { name: "STS token", spec: "mixed-reality-sts", schema: schema("sts_token"), body: stsToken },
];

/** Every recorded request body, with the request schema that must accept it. */
export const recordedRequests: readonly RecordedBody[] = [
  { name: "PowerShell create session (size standard)", spec: "remote-rendering", schema: schema("create_session_settings"), body: powershellCreateSession },
  { name: "PowerShell create conversion (empty prefix and name, extra field)", spec: "remote-rendering", schema: schema("create_conversion_settings"), body: powershellCreateConversion },
  { name: "update with an extra field", spec: "remote-rendering", schema: schema("update_session_settings"), body: { maxLeaseTimeMinutes: 5, reason: "ignored" } },
];

/** The JSON type of a value, as a recording shows it: `null`, `integer` and `number` apart. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * The shape of a body: every key with its JSON type, nested objects flattened as `a.b`. Two answers of the same
 * kind have the same shape when the emulator answers as the service did.
 */
export function shapeOf(value: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const type = jsonType(child);
    // 8.1 and 10.6 are numbers; a service figure of 8.0 would be written 8.0 and still be a number.
    out[path] = key === "teraflops" && type === "integer" ? "number" : type;
    if (type === "object") Object.assign(out, shapeOf(child, path));
  }
  return out;
}
