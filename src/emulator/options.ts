// The options of startEmulator (the same set `arr emulator` takes as flags) and their defaults and checks.
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";
import { systemClock, type Clock } from "./clock.js";
import type { SessionSize } from "./store.js";

/** Options of {@link startEmulator}. Times are in (fractional) seconds of the emulator's clock. */
export interface EmulatorOptions {
  /** Id of the single account to serve (default: {@link DEVELOPMENT_ACCOUNT_ID}). */
  accountId?: string | undefined;
  /** Key of that account (default: {@link DEVELOPMENT_ACCOUNT_KEY}). */
  accountKey?: string | undefined;
  /** Further accounts to serve; with `accounts` and no `accountId`/`accountKey`, only these are served. */
  accounts?: readonly EmulatorAccount[] | undefined;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port to listen on (default 0: any free port). */
  port?: number | undefined;
  /** Folder for durable state (a journal and the token-signing secret); in memory only when absent. */
  dataDir?: string | undefined;
  /** Lifetime of STS tokens (default 86400). */
  tokenSeconds?: number | undefined;
  /** Time from Starting to Ready (default 5). */
  startupSeconds?: number | undefined;
  /** Length of an emulated minute, for leases and elapsedTimeMinutes (default 60). */
  minuteSeconds?: number | undefined;
  /** Time a conversion takes from NotStarted to its final state (default 30). */
  conversionSeconds?: number | undefined;
  /** Share (0–1) of requests answered 500 or 503 before anything else happens (default 0). */
  failRate?: number | undefined;
  /** Seed of the fault choice, to make it repeatable (default: random). */
  seed?: number | undefined;
  /** At most this many requests per session or conversion id per 10 emulated seconds; off when absent. */
  throttle?: number | undefined;
  /** Region named in session hostnames (default `eastus`); the same as `regions: [region]`. */
  region?: string | undefined;
  /**
   * Names of the storage accounts linked to the served accounts: a conversion without SAS tokens on any
   * other storage account answers `403 LinkedStorageAccessFailure`, as the service did. Default: none.
   */
  linkedStorage?: readonly string[] | undefined;
  /**
   * Send `Retry-After` on Get Conversion (default false: the service never sent it, so code tested here
   * should not come to depend on it).
   */
  conversionRetryAfter?: boolean | undefined;
  /**
   * Regions to serve, each on its own port (the first on `port`, the next ones on `port + 1`, … or on any free
   * port when `port` is 0), sharing one account store, one STS and one token secret, as the service's regional
   * endpoints share one account. Sessions and conversions belong to the region they were created in.
   * Default: `[region]`.
   */
  regions?: readonly string[] | undefined;
  /**
   * At most `max` Starting/Ready sessions of `size` per region (or only in `region`, which then wins over a rule
   * without one). A session created beyond it is answered 201 Starting and then ends in Error with the code
   * `NoServerAvailable`. Default: no limit.
   */
  capacity?: readonly CapacityLimit[] | undefined;
  /** Time source (default: real time); tests pass a manual clock. */
  clock?: Clock | undefined;
  /** Receives log lines (never tokens, keys or SAS); silent when absent. */
  log?: ((line: string) => void) | undefined;
  /**
   * Logs every request to `log`, one line each: method, path, status, duration, MS-CV, account, and why a
   * refused request was refused (default false: only writes, faults and errors are logged).
   */
  verbose?: boolean | undefined;
  /**
   * With `dataDir`: when the journal is damaged (a line in the middle that is not an event), move it aside
   * (it is kept, renamed) and start from every event that can be read, instead of refusing to start.
   */
  repair?: boolean | undefined;
  /**
   * Connection strings (with account keys) of storage accounts that conversions really read and write, e.g.
   * Azurite's. Those accounts count as linked. Without any, storage is simulated: every input exists but one
   * whose path contains `missing`, and nothing is written.
   */
  storage?: readonly string[] | undefined;
  /**
   * Serve https instead of http. `true`: a server certificate signed by the emulator's development CA, both kept
   * in `dataDir` (under `tls/`) when there is one, so a CA trusted once stays trusted; else new at each start.
   * `{ cert, key }`: your own certificate and its private key (PEM). Plain http when absent or false.
   */
  https?: boolean | { readonly cert: string; readonly key: string } | undefined;
  /**
   * The STS also exchanges a bearer token that is not an account key (a Microsoft Entra token, as SDKs send
   * from a TokenCredential) for a token of the path's account, checking its shape and expiry but not its
   * signature. A development convenience; off by default.
   */
  acceptAnyEntraToken?: boolean | undefined;
}

/** One rule of `capacity`: `arr emulator --capacity [<region>:]<size>=<max>`. */
export interface CapacityLimit {
  readonly size: SessionSize;
  readonly max: number;
  /** The region the rule is for; all regions when absent. */
  readonly region?: string | undefined;
}

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  readonly accounts: readonly EmulatorAccount[];
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly tokenMs: number;
  readonly startupMs: number;
  readonly minuteMs: number;
  readonly conversionMs: number;
  readonly failRate: number;
  readonly seed: number;
  readonly throttle: number | undefined;
  /** The first region (the one `url` serves). */
  readonly region: string;
  /** Linked storage account names, lower case. */
  readonly linkedStorage: readonly string[];
  readonly conversionRetryAfter: boolean;
  readonly regions: readonly string[];
  /** The session limit of a size in a region, or undefined for none. */
  readonly capacity: (region: string, size: SessionSize) => number | undefined;
  readonly clock: Clock;
  readonly log: ((line: string) => void) | undefined;
  readonly verbose: boolean;
  readonly repair: boolean;
  /** Absent for plain http; `own` is the caller's certificate, if given. */
  readonly https: { readonly own: { readonly cert: string; readonly key: string } | undefined } | undefined;
  readonly acceptAnyEntraToken: boolean;
  readonly storage: readonly string[];
}

/** Region named in session hostnames when none is given. */
export const DEFAULT_REGION = "eastus";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function seconds(name: string, value: number | undefined, fallback: number, allowZero: boolean): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number of seconds.`);
  }
  return v * 1000;
}

function resolveAccounts(options: EmulatorOptions): EmulatorAccount[] {
  const single = options.accountId !== undefined || options.accountKey !== undefined || options.accounts === undefined;
  const list: EmulatorAccount[] = [...(options.accounts ?? [])];
  if (single) {
    list.push({
      accountId: options.accountId ?? DEVELOPMENT_ACCOUNT_ID,
      accountKey: options.accountKey ?? DEVELOPMENT_ACCOUNT_KEY,
    });
  }
  if (list.length === 0) throw new RangeError("accounts must name at least one account.");
  const seen = new Set<string>();
  return list.map(({ accountId, accountKey }) => {
    if (typeof accountId !== "string" || !UUID.test(accountId)) throw new RangeError("An accountId must be a UUID.");
    if (typeof accountKey !== "string" || accountKey.length === 0) throw new RangeError("An accountKey must not be empty.");
    const id = accountId.toLowerCase();
    if (seen.has(id)) throw new RangeError(`The account ${id} is given twice.`);
    seen.add(id);
    return { accountId: id, accountKey };
  });
}

const REGION = /^[a-z0-9]{1,40}$/;

function resolveRegions(options: EmulatorOptions): string[] {
  if (options.regions !== undefined && options.region !== undefined) throw new RangeError("give region or regions, not both.");
  if (options.regions === undefined) {
    const region = options.region ?? DEFAULT_REGION;
    if (typeof region !== "string" || !REGION.test(region)) throw new RangeError("region must be lower-case letters and digits.");
    return [region];
  }
  if (!Array.isArray(options.regions) || options.regions.length === 0) throw new RangeError("regions must name at least one region.");
  const seen = new Set<string>();
  for (const r of options.regions as unknown[]) {
    if (typeof r !== "string" || !REGION.test(r)) throw new RangeError("regions must be lower-case letters and digits, e.g. eastus.");
    if (seen.has(r)) throw new RangeError(`regions names ${r} twice.`);
    seen.add(r);
  }
  return [...seen];
}

function resolveCapacity(rules: readonly CapacityLimit[] | undefined, regions: readonly string[]): ResolvedOptions["capacity"] {
  if (rules === undefined) return () => undefined;
  if (!Array.isArray(rules)) throw new RangeError("capacity must be a list of { size, max, region? }.");
  const limits = new Map<string, number>();
  for (const rule of rules as readonly Partial<CapacityLimit>[]) {
    if (rule.size !== "Standard" && rule.size !== "Premium") throw new RangeError("capacity: size must be Standard or Premium.");
    if (typeof rule.max !== "number" || !Number.isInteger(rule.max) || rule.max < 0) throw new RangeError("capacity: max must be an integer ≥ 0.");
    if (rule.region !== undefined && !regions.includes(rule.region)) {
      throw new RangeError(`capacity: region ${String(rule.region)} is not one of the regions served (${regions.join(", ")}).`);
    }
    limits.set(`${rule.region ?? "*"}:${rule.size}`, rule.max);
  }
  return (region, size) => limits.get(`${region}:${size}`) ?? limits.get(`*:${size}`);
}

function resolveHttps(https: EmulatorOptions["https"]): ResolvedOptions["https"] {
  if (https === undefined || https === false) return undefined;
  if (https === true) return { own: undefined };
  if (typeof https !== "object" || https === null) throw new RangeError("https must be true, false or { cert, key }.");
  const { cert, key } = https;
  if (typeof cert !== "string" || !cert.includes("-----BEGIN CERTIFICATE-----")) {
    throw new RangeError("https.cert must be a PEM certificate (-----BEGIN CERTIFICATE-----).");
  }
  if (typeof key !== "string" || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) {
    throw new RangeError("https.key must be a PEM private key (-----BEGIN PRIVATE KEY-----).");
  }
  return { own: { cert, key } };
}

function resolveStorage(storage: readonly string[] | undefined): readonly string[] {
  if (storage === undefined) return [];
  if (!Array.isArray(storage) || storage.some((cs) => typeof cs !== "string" || cs.trim() === "")) {
    throw new RangeError("storage must be a list of storage connection strings.");
  }
  return storage;
}

/** Applies defaults and checks values; throws a RangeError naming the option at fault. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError("port must be an integer 0–65535.");
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host.length === 0) throw new RangeError("host must not be empty.");
  const failRate = options.failRate ?? 0;
  if (typeof failRate !== "number" || !(failRate >= 0 && failRate <= 1)) throw new RangeError("failRate must be between 0 and 1.");
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isSafeInteger(seed)) throw new RangeError("seed must be an integer.");
  const throttle = options.throttle;
  if (throttle !== undefined && (!Number.isInteger(throttle) || throttle < 1)) {
    throw new RangeError("throttle must be a positive integer (requests per id per 10 seconds).");
  }
  const linkedStorage = options.linkedStorage ?? [];
  if (!Array.isArray(linkedStorage)) throw new RangeError("linkedStorage must be a list of storage account names.");
  for (const name of linkedStorage) {
    // Azure storage account names: 3–24 lower-case letters and digits (Azurite's devstoreaccount1 included).
    if (typeof name !== "string" || !/^[a-z0-9]{3,24}$/i.test(name)) {
      throw new RangeError("linkedStorage must name storage accounts of 3–24 letters and digits.");
    }
  }
  const conversionRetryAfter = options.conversionRetryAfter ?? false;
  if (typeof conversionRetryAfter !== "boolean") throw new RangeError("conversionRetryAfter must be true or false.");
  const regions = resolveRegions(options);
  const region = regions[0] ?? DEFAULT_REGION;
  if (options.dataDir !== undefined && (typeof options.dataDir !== "string" || options.dataDir.length === 0)) {
    throw new RangeError("dataDir must be a folder path.");
  }
  return {
    accounts: resolveAccounts(options),
    host,
    port,
    dataDir: options.dataDir,
    tokenMs: seconds("tokenSeconds", options.tokenSeconds, 86400, false),
    startupMs: seconds("startupSeconds", options.startupSeconds, 5, true),
    minuteMs: seconds("minuteSeconds", options.minuteSeconds, 60, false),
    conversionMs: seconds("conversionSeconds", options.conversionSeconds, 30, true),
    failRate,
    seed,
    throttle,
    region,
    linkedStorage: linkedStorage.map((name) => name.toLowerCase()),
    conversionRetryAfter,
    regions,
    capacity: resolveCapacity(options.capacity, regions),
    clock: options.clock ?? systemClock,
    log: options.log,
    verbose: options.verbose === true,
    repair: options.repair === true,
    https: resolveHttps(options.https),
    acceptAnyEntraToken: options.acceptAnyEntraToken === true,
    storage: resolveStorage(options.storage),
  };
}
