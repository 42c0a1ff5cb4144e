// remote-rendering-client/emulator: a local emulator of Azure Remote Rendering (2021-01-01) and of its
// token service, on one node:http server. Node only: the main entry never imports this subpath.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { otherUrls } from "./addresses.js";
import { AccountRegistry, type EmulatorAccount } from "./accounts.js";
import { ConversionOutcomes } from "./conversion-outcome.js";
import { openDataDir } from "./data-dir.js";
import { FaultInjector, Throttle } from "./faults.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { createEmulatorServer } from "./server.js";
import type { ConversionStorage } from "./storage/conversion-storage.js";
import { simulatedStorage } from "./storage/simulated-storage.js";
import { Store, type EmulatorEvent } from "./store.js";
import { createFront, type EmulatorTls, type Listener } from "./tls/index.js";
import { TokenService } from "./tokens.js";
import { operationValidators } from "./validators.js";

export { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";
export { createManualClock, systemClock, type Clock, type ManualClock } from "./clock.js";
export { DEFAULT_REGION, type CapacityLimit, type EmulatorOptions } from "./options.js";
export { formatBanner } from "./banner.js";
export { JournalDamagedError } from "./data-dir.js";
export type { DamagedJournal } from "./journal-repair.js";
export { TERAFLOPS } from "./sizes.js";
export { NO_SERVER_AVAILABLE } from "./session-view.js";
export { LINKED_STORAGE_MESSAGE, storageAccountOf } from "./linked-storage.js";
export { PAGE_SIZE } from "./paging.js";
export { BODY_LIMIT } from "./body.js";
export { developmentCa, type EmulatorTls } from "./tls/index.js";

/** One region the emulator serves, on its own port. */
export interface EmulatorRegion {
  /** The region's name, e.g. `eastus` (it appears in session hostnames). */
  readonly name: string;
  /** Base URL of the region's ARR API (and of the shared STS), e.g. `http://127.0.0.1:51234`. */
  readonly url: string;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL of both the ARR API and the STS of the first region, e.g. `http://127.0.0.1:51234` (`https://…` with `https`). */
  readonly url: string;
  /**
   * Further URLs that reach the first region from other machines or containers: one per address of this machine
   * when it listens on a wildcard host (`0.0.0.0`, `::`); empty otherwise. Over plain http, clients need
   * `allowInsecureHttp` for them.
   */
  readonly otherUrls: readonly string[];
  /** Every region served, the first one first (its `url` is `url`). */
  readonly regions: readonly EmulatorRegion[];
  /** With `https`: the CA to trust and the certificate's names; undefined for plain http. */
  readonly tls: EmulatorTls | undefined;
  /** The accounts served (ids in lower case). */
  readonly accounts: readonly EmulatorAccount[];
  /** Stops listening, ends open connections and makes the journal durable. */
  close(): Promise<void>;
}

function urlOf(host: string, port: number, scheme: "http" | "https"): string {
  // A wildcard address is reachable on loopback; IPv6 literals need brackets.
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `${scheme}://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Real storage only when asked for: @azure/storage-blob and glTF-Transform load only then. */
async function conversionStorage(connectionStrings: readonly string[], log: (line: string) => void): Promise<ConversionStorage> {
  if (connectionStrings.length === 0) return simulatedStorage();
  const { realStorage } = await import("./storage/real-storage.js");
  try {
    return realStorage(connectionStrings, log);
  } catch (error) {
    // The parser's message names the missing part, never the string (it holds the account key).
    throw new RangeError(`storage: ${error instanceof Error ? error.message : "invalid connection string"}`);
  }
}

/** Starts an emulator; resolves once every region listens. Throws a RangeError for an invalid option. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  if (resolved.port !== 0 && resolved.port + resolved.regions.length - 1 > 65535) {
    throw new RangeError("port must leave room for one port per region (port + regions - 1 ≤ 65535).");
  }
  const log = resolved.log ?? (() => undefined);
  operationValidators(); // compiled before the first request, not during it
  const storage = await conversionStorage(resolved.storage, log);
  const dataDir = resolved.dataDir === undefined ? undefined : await openDataDir(resolved.dataDir, log, { repair: resolved.repair });
  const journal = dataDir?.journal;
  const first = resolved.region;
  // One store per region (sessions are regional); one journal for all, its events tagged with their region.
  const stores = new Map<string, Store>();
  for (const region of resolved.regions) {
    const persist = journal === undefined ? undefined : (event: EmulatorEvent) => journal.append(region === first ? event : { ...event, region });
    stores.set(region, new Store(persist));
  }
  let skipped = 0;
  for (const event of dataDir?.events ?? []) {
    const store = stores.get(event.region ?? first);
    if (store === undefined) skipped++;
    else store.apply(event);
  }
  if (skipped > 0) log(`skipped ${skipped} journal events of regions not served now`);
  // One STS, one token secret and one account registry: a token of one region is good in every region.
  const tokens = new TokenService(dataDir?.secret ?? randomBytes(32), resolved.clock, resolved.tokenMs);
  const accounts = new AccountRegistry(resolved.accounts);
  const faults = new FaultInjector(resolved.failRate, resolved.seed);
  const servers: { name: string; listener: Listener; url: string }[] = [];
  let front: Awaited<ReturnType<typeof createFront>> | undefined;
  try {
    front = await createFront({
      https: resolved.https,
      dataDir: resolved.dataDir,
      host: resolved.host,
      regions: resolved.regions,
      log,
    });
    const scheme = front.tls === undefined ? "http" : "https";
    for (const [i, region] of resolved.regions.entries()) {
      const entry = { name: region, listener: undefined as unknown as Listener, url: "" };
      const server: Server = createEmulatorServer({
        env: {
          store: stores.get(region) as Store,
          timing: {
            startupMs: resolved.startupMs,
            minuteMs: resolved.minuteMs,
            conversionMs: resolved.conversionMs,
            region,
          },
          baseUrl: () => entry.url,
          capacity: (size) => resolved.capacity(region, size),
          outcomes: new ConversionOutcomes(storage, stores.get(region) as Store, resolved.conversionMs, () => resolved.clock.now()),
          // Storage accounts given by connection string are reachable, so they count as linked.
          linkedStorage: [...resolved.linkedStorage, ...storage.linkedAccounts],
          conversionRetryAfter: resolved.conversionRetryAfter,
        },
        tokens,
        accounts,
        journal,
        faults,
        throttle: resolved.throttle === undefined ? undefined : new Throttle(resolved.throttle, resolved.clock),
        now: () => resolved.clock.now(),
        log: resolved.regions.length === 1 ? log : (line) => log(`[${region}] ${line}`),
        logRequests: resolved.verbose,
        entra: resolved.acceptAnyEntraToken ? { acceptAny: true, nowMs: () => resolved.clock.now() } : { acceptAny: false },
      });
      entry.listener = front.listenerFor(server, () => entry.url);
      await entry.listener.listen(resolved.port === 0 ? 0 : resolved.port + i, resolved.host);
      servers.push(entry);
      entry.url = urlOf(resolved.host, entry.listener.port(), scheme);
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.listener.close()));
    await front?.dispose();
    await dataDir?.close();
    throw error;
  }
  const started = front;
  const { tls } = front;
  if (dataDir !== undefined) log(`replayed ${dataDir.events.length} journal events from ${resolved.dataDir ?? ""}`);
  let closing: Promise<void> | undefined;
  return {
    url: servers[0]?.url ?? "",
    regions: servers.map(({ name, url }) => ({ name, url })),
    otherUrls: servers[0] === undefined ? [] : otherUrls(resolved.host, servers[0].listener.port(), undefined, tls === undefined ? "http" : "https"),
    accounts: resolved.accounts,
    tls,
    close() {
      closing ??= (async () => {
        await Promise.all(servers.map((s) => s.listener.close()));
        await started.dispose();
        await dataDir?.close();
      })();
      return closing;
    },
  };
}
