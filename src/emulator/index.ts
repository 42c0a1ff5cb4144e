// remote-rendering-client/emulator: a local emulator of Azure Remote Rendering (2021-01-01) and of its
// token service, on one node:http server. Node only: the main entry never imports this subpath.
import { randomBytes } from "node:crypto";
import { AccountRegistry, type EmulatorAccount } from "./accounts.js";
import { openDataDir } from "./data-dir.js";
import { FaultInjector, Throttle } from "./faults.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { createEmulatorServer } from "./server.js";
import { Store } from "./store.js";
import { createFront, type EmulatorTls } from "./tls/index.js";
import { TokenService } from "./tokens.js";
import { operationValidators } from "./validators.js";

export { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";
export { createManualClock, systemClock, type Clock, type ManualClock } from "./clock.js";
export { DEFAULT_REGION, type EmulatorOptions } from "./options.js";
export { formatBanner } from "./banner.js";
export { TERAFLOPS } from "./session-view.js";
export { PAGE_SIZE } from "./paging.js";
export { BODY_LIMIT } from "./body.js";
export { developmentCa, type EmulatorTls } from "./tls/index.js";

/** A running emulator. */
export interface Emulator {
  /** Base URL of both the ARR API and the STS, e.g. `http://127.0.0.1:51234` (`https://…` with `https`). */
  readonly url: string;
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

/** Starts an emulator; resolves once it listens. Throws a RangeError for an invalid option. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const log = resolved.log ?? (() => undefined);
  operationValidators(); // compiled before the first request, not during it
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
    },
    tokens: new TokenService(dataDir?.secret ?? randomBytes(32), resolved.clock, resolved.tokenMs),
    accounts: new AccountRegistry(resolved.accounts),
    journal,
    faults: new FaultInjector(resolved.failRate, resolved.seed),
    throttle: resolved.throttle === undefined ? undefined : new Throttle(resolved.throttle, resolved.clock),
    now: () => resolved.clock.now(),
    log,
    entra: resolved.acceptAnyEntraToken ? { acceptAny: true, nowMs: () => resolved.clock.now() } : { acceptAny: false },
  });
  let front: Awaited<ReturnType<typeof createFront>> | undefined;
  try {
    front = await createFront(server, {
      https: resolved.https,
      dataDir: resolved.dataDir,
      host: resolved.host,
      regions: [resolved.region],
      url: () => url,
      log,
    });
    await front.listener.listen(resolved.port, resolved.host);
  } catch (error) {
    await front?.dispose();
    await dataDir?.close();
    throw error;
  }
  const { listener, tls } = front;
  const started = front;
  url = urlOf(resolved.host, listener.port(), tls === undefined ? "http" : "https");
  if (dataDir !== undefined) log(`replayed ${dataDir.events.length} journal events from ${resolved.dataDir ?? ""}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    accounts: resolved.accounts,
    tls,
    close() {
      closing ??= (async () => {
        await listener.close();
        await started.dispose();
        await dataDir?.close();
      })();
      return closing;
    },
  };
}
