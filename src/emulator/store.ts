// The emulator's state as a log of events: handlers decide an event, the store applies it (and hands it
// to the journal when there is one); a restart replays the same events. Time-driven changes (Ready,
// Expired, a conversion's progress) are not events: they are derived from the clock when read.
import type { components } from "../../generated/remote-rendering.js";
import type { ConversionOutcome } from "./storage/conversion-storage.js";
import { isKnownSize, type KnownSize } from "./sizes.js";

type Schemas = components["schemas"];
/** Only known sizes are stored: the emulator refuses others (see sizes.ts). */
export type SessionSize = KnownSize;
export type ConversionSettings = Schemas["conversion_settings"];

export interface SessionCreated {
  readonly type: "sessionCreated";
  readonly accountId: string;
  readonly id: string;
  readonly size: SessionSize;
  readonly maxLeaseTimeMinutes: number;
  readonly createdAt: number;
  /** The uuid of the session's hostname and its handshake port, chosen once at creation. */
  readonly vmId: string;
  readonly handshakePort: number;
  /** Created beyond the region's capacity: it ends in Error (NoServerAvailable) instead of Ready. */
  readonly noServer?: boolean;
}
export interface SessionUpdated {
  readonly type: "sessionUpdated";
  readonly accountId: string;
  readonly id: string;
  readonly maxLeaseTimeMinutes: number;
  readonly at: number;
}
export interface SessionStopped {
  readonly type: "sessionStopped";
  readonly accountId: string;
  readonly id: string;
  readonly at: number;
}
export interface ConversionCreated {
  readonly type: "conversionCreated";
  readonly accountId: string;
  readonly id: string;
  /** Normalised settings without SAS tokens: SAS never reach the store, nor the disk. */
  readonly settings: ConversionSettings;
  readonly createdAt: number;
}
/** A conversion that did real storage work ended: kept, because the work is not redone after a restart. */
export interface ConversionFinished {
  readonly type: "conversionFinished";
  readonly accountId: string;
  readonly id: string;
  readonly outcome: ConversionOutcome;
  readonly at: number;
}

/**
 * An event, with the region it happened in when the emulator serves several (absent: the first region, so a
 * journal written by a one-region emulator replays unchanged).
 */
export type EmulatorEvent = (SessionCreated | SessionUpdated | SessionStopped | ConversionCreated | ConversionFinished) & { readonly region?: string };

export interface SessionRecord {
  /** Creation order, the cursor of list pages. */
  readonly seq: number;
  readonly id: string;
  readonly size: SessionSize;
  /** The lease the session was created with: what a retried create is compared against. */
  readonly requestedLeaseMinutes: number;
  maxLeaseTimeMinutes: number;
  readonly createdAt: number;
  /** createdAt as ISO 8601, formatted once: it is in every answer. */
  readonly creationTime: string;
  stoppedAt: number | undefined;
  readonly vmId: string;
  readonly handshakePort: number;
  /** Ids beginning with `fail-` end in Error instead of Ready. */
  readonly failsToStart: boolean;
  /** Created beyond the region's capacity: ends in Error with NoServerAvailable. */
  readonly noServer: boolean;
}

export interface ConversionRecord {
  readonly seq: number;
  readonly id: string;
  readonly settings: ConversionSettings;
  readonly createdAt: number;
  readonly creationTime: string;
  /** How it ended, once its time was up and storage said so; undefined before. */
  outcome: ConversionOutcome | undefined;
}

interface AccountState {
  readonly sessions: Map<string, SessionRecord>;
  readonly conversions: Map<string, ConversionRecord>;
}

/**
 * ISO 8601 as the service wrote it: seven fractional digits, and `+00:00` on sessions
 * (`2024-04-30T12:03:35.0097206+00:00`) but `Z` on conversions (`2024-04-30T12:00:50.5408301Z`).
 */
function serviceTime(ms: number, zone: "Z" | "+00:00"): string {
  return `${new Date(ms).toISOString().slice(0, -1)}0000${zone}`;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Checks the shape of a replayed event; a journal written by another version or by hand may hold anything. */
export function isEvent(value: unknown): value is EmulatorEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  if (!isString(e["accountId"]) || !isString(e["id"])) return false;
  if (e["region"] !== undefined && !isString(e["region"])) return false;
  switch (e["type"]) {
    case "sessionCreated":
      return isKnownSize(e["size"]) && isNumber(e["maxLeaseTimeMinutes"]) &&
        isNumber(e["createdAt"]) && isString(e["vmId"]) && isNumber(e["handshakePort"]) &&
        (e["noServer"] === undefined || typeof e["noServer"] === "boolean");
    case "sessionUpdated":
      return isNumber(e["maxLeaseTimeMinutes"]) && isNumber(e["at"]);
    case "sessionStopped":
      return isNumber(e["at"]);
    case "conversionCreated": {
      const s = e["settings"] as { inputLocation?: unknown; outputLocation?: unknown } | null | undefined;
      return typeof s === "object" && s !== null && typeof s.inputLocation === "object" &&
        typeof s.outputLocation === "object" && isNumber(e["createdAt"]);
    }
    case "conversionFinished": {
      const o = e["outcome"] as { status?: unknown } | null | undefined;
      return typeof o === "object" && o !== null && (o.status === "Succeeded" || o.status === "Failed") && isNumber(e["at"]);
    }
    default:
      return false;
  }
}

export class Store {
  readonly #accounts = new Map<string, AccountState>();
  readonly #persist: ((event: EmulatorEvent) => void) | undefined;
  #seq = 0;

  constructor(persist?: (event: EmulatorEvent) => void) {
    this.#persist = persist;
  }

  /** Applies a new event and hands it to the journal. */
  commit(event: EmulatorEvent): void {
    this.apply(event);
    this.#persist?.(event);
  }

  /** Applies an event (a new one, or a replayed one at start). */
  apply(event: EmulatorEvent): void {
    const account = this.#account(event.accountId);
    switch (event.type) {
      case "sessionCreated":
        account.sessions.set(event.id, {
          seq: ++this.#seq,
          id: event.id,
          size: event.size,
          requestedLeaseMinutes: event.maxLeaseTimeMinutes,
          maxLeaseTimeMinutes: event.maxLeaseTimeMinutes,
          createdAt: event.createdAt,
          creationTime: serviceTime(event.createdAt, "+00:00"),
          stoppedAt: undefined,
          vmId: event.vmId,
          handshakePort: event.handshakePort,
          failsToStart: event.id.startsWith("fail-"),
          noServer: event.noServer === true,
        });
        break;
      case "sessionUpdated": {
        const session = account.sessions.get(event.id);
        if (session !== undefined) session.maxLeaseTimeMinutes = event.maxLeaseTimeMinutes;
        break;
      }
      case "sessionStopped": {
        const session = account.sessions.get(event.id);
        if (session !== undefined) session.stoppedAt = event.at;
        break;
      }
      case "conversionCreated":
        account.conversions.set(event.id, {
          seq: ++this.#seq,
          id: event.id,
          settings: event.settings,
          createdAt: event.createdAt,
          creationTime: serviceTime(event.createdAt, "Z"),
          outcome: undefined,
        });
        break;
      case "conversionFinished": {
        const conversion = account.conversions.get(event.id);
        if (conversion !== undefined) conversion.outcome = event.outcome;
        break;
      }
    }
  }

  session(accountId: string, id: string): SessionRecord | undefined {
    return this.#accounts.get(accountId)?.sessions.get(id);
  }

  conversion(accountId: string, id: string): ConversionRecord | undefined {
    return this.#accounts.get(accountId)?.conversions.get(id);
  }

  /** Sessions of an account in creation order. */
  sessions(accountId: string): Iterable<SessionRecord> {
    return this.#accounts.get(accountId)?.sessions.values() ?? [];
  }

  /** Sessions of every account (a region's servers are shared by all accounts). */
  *allSessions(): Iterable<SessionRecord> {
    for (const account of this.#accounts.values()) yield* account.sessions.values();
  }

  /** Conversions of an account in creation order. */
  conversions(accountId: string): Iterable<ConversionRecord> {
    return this.#accounts.get(accountId)?.conversions.values() ?? [];
  }

  #account(accountId: string): AccountState {
    let account = this.#accounts.get(accountId);
    if (account === undefined) {
      account = { sessions: new Map(), conversions: new Map() };
      this.#accounts.set(accountId, account);
    }
    return account;
  }
}
