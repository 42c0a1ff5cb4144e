// Every flag `arr` knows, in one table: parsing, help text and the "never echo this" rule all read it, so a flag
// cannot be added without saying whether it is a secret. Plain data, no imports: `arr --version` loads it too.

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** Repeatable (`--account a:1 --account b:2`). */
  readonly multiple?: boolean;
  readonly short?: string;
  /** Placeholder in help, e.g. `<minutes>`. */
  readonly value?: string;
  readonly description: string;
  /** Keys, tokens, SAS: never echoed, not even in a usage error. */
  readonly secret?: boolean;
  /** Environment variable read when the flag is absent (flags win). */
  readonly env?: string;
}

export const connectionOptions = {
  endpoint: {
    type: "string",
    value: "<url>",
    env: "ARR_ENDPOINT",
    description: "Rendering endpoint, e.g. https://remoterendering.eastus.mixedreality.azure.com",
  },
  "account-id": { type: "string", value: "<uuid>", env: "ARR_ACCOUNT_ID", description: "Remote Rendering account id" },
  "account-domain": {
    type: "string",
    value: "<domain>",
    env: "ARR_ACCOUNT_DOMAIN",
    description: "Account domain, e.g. eastus.mixedreality.azure.com",
  },
  "account-key": {
    type: "string",
    value: "<key>",
    env: "ARR_ACCOUNT_KEY",
    secret: true,
    description: "Account key, exchanged at the token service (STS) for a token",
  },
  "access-token": {
    type: "string",
    value: "<token>",
    env: "ARR_ACCESS_TOKEN",
    secret: true,
    description: "An STS access token, used as is instead of an account key",
  },
  "sts-endpoint": {
    type: "string",
    value: "<url>",
    env: "ARR_STS_ENDPOINT",
    description: "Token service (default https://sts.<account-domain>)",
  },
  "allow-http": {
    type: "boolean",
    env: "ARR_ALLOW_HTTP",
    description: "Allow plain http to hosts other than loopback, e.g. an emulator in another container",
  },
  ca: {
    type: "string",
    value: "<pem file>",
    env: "ARR_CA_FILE",
    description: "Also trust this CA (PEM), e.g. the https emulator's development CA (NODE_EXTRA_CA_CERTS works too)",
  },
} as const satisfies Record<string, OptionSpec>;

/** Diagnostics of the commands that talk to the service. */
export const diagnosticOptions = {
  verbose: { type: "boolean", description: "Log each request (method, path, status, duration, MS-CV) on stderr" },
  timeout: {
    type: "string",
    value: "<seconds>",
    description: "Give up waiting after this many seconds (exit 1; the session or conversion goes on)",
  },
} as const satisfies Record<string, OptionSpec>;

export const commonOptions = {
  json: { type: "boolean", description: "Print results as JSON on stdout and errors as JSON on stderr" },
  help: { type: "boolean", short: "h", description: "Show help" },
  version: { type: "boolean", description: "Print the version" },
} as const satisfies Record<string, OptionSpec>;

export const sessionOptions = {
  size: { type: "string", value: "Standard|Premium", description: "Size of the rendering server; with --wait, a list (Standard,Premium) falls back to the next size" },
  lease: { type: "string", value: "<minutes>", description: "Lease time in minutes (create: 0–1440; update: larger than now, < 1440)" },
  wait: { type: "boolean", description: "Wait until the session is Ready (or the conversion done), with progress" },
} as const satisfies Record<string, OptionSpec>;

/** Flags of the lease keeper (`sessions keep-alive`, `sessions create --keep-alive`) and of `sessions extend`. */
export const leaseOptions = {
  by: { type: "string", value: "<minutes>", description: "Minutes to add to the lease (keep-alive: per extension, default 30)" },
  "max-lease": { type: "string", value: "<minutes>", description: "The largest lease the keeper will ever set (≤ 1439)" },
  "when-remaining": { type: "string", value: "<minutes>", description: "Extend when fewer minutes than this remain (default 10, at least 2)" },
  "keep-alive": { type: "boolean", description: "After --wait, keep extending the lease up to --max-lease until the session ends" },
  "stop-on-exit": { type: "boolean", description: "On Ctrl-C, stop the session instead of leaving it running until its lease ends" },
  "minute-seconds": {
    type: "string",
    value: "<s>",
    description: "Length of a service minute (default 60); only for an emulator run with --minute-seconds",
  },
} as const satisfies Record<string, OptionSpec>;

/** Flags of region and size fallback (`sessions create`). */
export const fallbackOptions = {
  "region-endpoint": {
    type: "string",
    value: "<url>,<url>,…",
    description: "Regional endpoints to try in order (instead of --endpoint); with --wait, each with the first --size, then the next size",
  },
} as const satisfies Record<string, OptionSpec>;

export const conversionOptions = {
  "input-container": { type: "string", value: "<uri>", description: "Blob container holding the input model" },
  "input-asset": { type: "string", value: "<path>", description: "Path of the input model, relative to the prefix" },
  "input-prefix": { type: "string", value: "<prefix>", description: "Only blobs under this prefix are read" },
  "input-sas": { type: "string", value: "<sas>", secret: true, description: "SAS with read and list access to the input container" },
  "output-container": { type: "string", value: "<uri>", description: "Blob container the converted asset is written to" },
  "output-prefix": { type: "string", value: "<prefix>", description: "Prefix of the output files" },
  "output-name": { type: "string", value: "<file.arrAsset>", description: "Name of the output asset (default: input name + .arrAsset)" },
  "output-sas": { type: "string", value: "<sas>", secret: true, description: "SAS with write access to the output container" },
} as const satisfies Record<string, OptionSpec>;

export const emulatorOptions = {
  "account-id": { type: "string", value: "<uuid>", description: "Account id (default: the development account)" },
  "account-key": { type: "string", value: "<key>", secret: true, description: "Account key (default: the development key)" },
  account: { type: "string", multiple: true, value: "<id>:<key>", secret: true, description: "An extra account; repeatable" },
  host: { type: "string", value: "<host>", description: "Interface to listen on (default 127.0.0.1)" },
  port: { type: "string", value: "<port>", description: "Port (default 0: any free port)" },
  "data-dir": { type: "string", value: "<dir>", description: "Keep state durably in this folder (default: in memory)" },
  "token-seconds": { type: "string", value: "<s>", description: "STS token lifetime (default 86400)" },
  "startup-seconds": { type: "string", value: "<s>", description: "Time from Starting to Ready (default 5)" },
  "minute-seconds": { type: "string", value: "<s>", description: "Length of an emulated minute, for leases (default 60)" },
  "conversion-seconds": { type: "string", value: "<s>", description: "Duration of a conversion (default 30)" },
  "fail-rate": { type: "string", value: "<0..1>", description: "Share of requests answered 500/503 (default 0)" },
  seed: { type: "string", value: "<n>", description: "Seed for --fail-rate, for repeatable runs" },
  throttle: { type: "string", value: "<n>", description: "At most n requests per id per 10 emulated seconds (429 beyond)" },
  verbose: { type: "boolean", description: "Log every request: method, path, status, duration, MS-CV, account, why refused" },
  repair: {
    type: "boolean",
    description: "Move a damaged journal of --data-dir aside (kept) and start from every event it holds that can be read",
  },
  "no-exit-with-parent": {
    type: "boolean",
    description: "Keep running when the process that started the emulator ends (default: exit with it)",
  },
  "storage-connection-string": {
    type: "string",
    multiple: true,
    value: "<cs>",
    secret: true,
    description: "A storage account (e.g. Azurite) that conversions really read and write; linked; repeatable",
  },
  "linked-storage": {
    type: "string",
    multiple: true,
    value: "<storage account name>",
    description: "A storage account conversions may use without SAS (else 403, as the service); repeatable",
  },
  "conversion-retry-after": { type: "boolean", description: "Send Retry-After on get-conversion (the service never did)" },
  regions: {
    type: "string",
    value: "<r1,r2,…>",
    description: "Regions to serve, each on its own port, sharing accounts and the STS (default eastus)",
  },
  capacity: {
    type: "string",
    multiple: true,
    value: "[<region>:]<size>=<n>",
    description: "At most n Starting/Ready sessions of a size per region (beyond: Error NoServerAvailable); repeatable",
  },
  https: { type: "boolean", description: "Serve https with a development CA's certificate (kept in --data-dir)" },
  cert: { type: "string", value: "<pem file>", description: "Serve https with this certificate (with --key)" },
  key: { type: "string", value: "<pem file>", description: "Private key of --cert" },
  "print-ca": { type: "boolean", description: "Print the development CA of --data-dir (PEM) and exit" },
  "accept-any-entra-token": {
    type: "boolean",
    description: "The STS also exchanges Microsoft Entra tokens, checked for shape and expiry only (development only)",
  },
} as const satisfies Record<string, OptionSpec>;

export const storageOptions = {
  "storage-connection-string": {
    type: "string",
    value: "<cs>",
    env: "ARR_STORAGE_CONNECTION_STRING",
    secret: true,
    description: "Connection string of the storage account (with its key), e.g. Azurite's",
  },
} as const satisfies Record<string, OptionSpec>;

export const convertOptions = {
  folder: { type: "string", value: "<dir>", description: "Upload this whole folder (the model inside it), paths kept" },
  "input-container": { type: "string", value: "<name|url>", description: "Container the model is uploaded to (default arr-input; created)" },
  "output-container": { type: "string", value: "<name|url>", description: "Container the outputs go to, under the id (default arr-output; created)" },
  settings: { type: "string", value: "<file>", description: "Conversion settings (default <model>.ConversionSettings.json beside it)" },
  id: { type: "string", value: "<id>", description: "Conversion id (default <model name>-<time>)" },
  wait: { type: "boolean", description: "Wait for the conversion, then print its result.json and info.json" },
  "sas-url": { type: "boolean", description: "Also print a read SAS URL of the asset (a secret, printed because asked)" },
} as const satisfies Record<string, OptionSpec>;
