// remote-rendering-client/emulator: a local emulator of Azure Remote Rendering (2021-01-01) and of its
// token service, on one node:http server. Node only: the main entry never imports this subpath.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { AccountRegistry, type EmulatorAccount } from "./accounts.js";
import { ConversionOutcomes } from "./conversion-outcome.js";
import { openDataDir } from "./data-dir.js";
import { FaultInjector, Throttle } from "./faults.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { createEmulatorServer } from "./server.js";
import type { ConversionStorage } from "./storage/conversion-storage.js";
import { simulatedStorage } from "./storage/simulated-storage.js";
import { Store } from "./store.js";
import { TokenService } from "./tokens.js";
import { operationValidators } from "./validators.js";

export { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";
export { createManualClock, systemClock, type Clock, type ManualClock } from "./clock.js";
export { DEFAULT_REGION, type EmulatorOptions } from "./options.js";
export { formatBanner } from "./banner.js";
export { TERAFLOPS } from "./sizes.js";
export { LINKED_STORAGE_MESSAGE, storageAccountOf } from "./linked-storage.js";
export { PAGE_SIZE } from "./paging.js";
export { BODY_LIMIT } from "./body.js";

/** A running emulator. */
export interface Emulator {
  /** Base URL of both the ARR API and the STS, e.g. `http://127.0.0.1:51234`. */
  readonly url: string;
  /** The accounts served (ids in lower case). */
  readonly accounts: readonly EmulatorAccount[];
  /** Stops listening, ends open connections and makes the journal durable. */
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  // A wildcard address is reachable on loopback; IPv6 literals need brackets.
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
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

/** Starts an emulator; resolves once it listens. Throws a RangeError for an invalid option. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const log = resolved.log ?? (() => undefined);
  operationValidators(); // compiled before the first request, not during it
  const storage = await conversionStorage(resolved.storage, log);
  const dataDir = resolved.dataDir === undefined ? undefined : await openDataDir(resolved.dataDir, log);
  const journal = dataDir?.journal;
  const store = new Store(journal === undefined ? undefined : (event) => journal.append(event));
  for (const event of dataDir?.events ?? []) store.apply(event);
  let url = "";
  const server = createEmulatorServer({
    env: {
      store,
      timing: {
        startupMs: resolved.startupMs,
        minuteMs: resolved.minuteMs,
        conversionMs: resolved.conversionMs,
        region: resolved.region,
      },
      baseUrl: () => url,
      outcomes: new ConversionOutcomes(storage, store, resolved.conversionMs, () => resolved.clock.now()),
      // Storage accounts given by connection string are reachable, so they count as linked.
      linkedStorage: [...resolved.linkedStorage, ...storage.linkedAccounts],
      conversionRetryAfter: resolved.conversionRetryAfter,
    },
    tokens: new TokenService(dataDir?.secret ?? randomBytes(32), resolved.clock, resolved.tokenMs),
    accounts: new AccountRegistry(resolved.accounts),
    journal,
    faults: new FaultInjector(resolved.failRate, resolved.seed),
    throttle: resolved.throttle === undefined ? undefined : new Throttle(resolved.throttle, resolved.clock),
    now: () => resolved.clock.now(),
    log,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await dataDir?.close();
    throw error;
  }
  url = urlOf(resolved.host, (server.address() as AddressInfo).port);
  if (dataDir !== undefined) log(`replayed ${dataDir.events.length} journal events from ${resolved.dataDir ?? ""}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    accounts: resolved.accounts,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await dataDir?.close();
      })();
      return closing;
    },
  };
}
