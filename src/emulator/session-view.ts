// A session's status and properties at a moment, derived from its record and the timing options:
// Starting until startupSeconds have passed, then Ready (or Error for `fail-` ids), Expired once Ready
// longer than the lease, Stopped from the moment of a stop.
import type { components } from "../../generated/remote-rendering.js";
import type { SessionRecord } from "./store.js";

type SessionProperties = components["schemas"]["session_properties"];
export type SessionStatus = components["schemas"]["session_status"];

export interface SessionTiming {
  readonly startupMs: number;
  readonly minuteMs: number;
  readonly region: string;
}

/** Teraflops by size: Standard as the reference's seed shows; Premium is our choice (twice Standard). */
export const TERAFLOPS = { Standard: 10.6, Premium: 21.2 } as const;

export const SESSION_START_FAILED = {
  code: "SessionStartFailed",
  message: "The rendering session failed to start.",
} as const;

/** Our choice: the service's code for a region without a free server was never recorded. */
export const NO_SERVER_AVAILABLE = {
  code: "NoServerAvailable",
  message: "No rendering server of the requested size is available in this region; try another region or size.",
} as const;

export function sessionStatus(s: SessionRecord, now: number, timing: SessionTiming): SessionStatus {
  if (s.stoppedAt !== undefined && now >= s.stoppedAt) return "Stopped";
  const readyAt = s.createdAt + timing.startupMs;
  if (now < readyAt) return "Starting";
  if (s.failsToStart || s.noServer) return "Error";
  // "Expired once Ready longer than the lease": at exactly the lease's end it is still Ready.
  return now > readyAt + s.maxLeaseTimeMinutes * timing.minuteMs ? "Expired" : "Ready";
}

export function isEnded(status: SessionStatus): boolean {
  return status === "Stopped" || status === "Expired" || status === "Error";
}

/** Whole emulated minutes the session has spent Ready by `now`. */
function elapsedMinutes(s: SessionRecord, now: number, timing: SessionTiming): number {
  if (s.failsToStart || s.noServer) return 0;
  const readyAt = s.createdAt + timing.startupMs;
  const end = Math.min(now, s.stoppedAt ?? Infinity, readyAt + s.maxLeaseTimeMinutes * timing.minuteMs);
  if (end <= readyAt) return 0;
  // The epsilon keeps e.g. 3 × 0.1 s minutes from rounding down to 2 through binary fractions.
  return Math.floor((end - readyAt) / timing.minuteMs + 1e-9);
}

/** The `session_properties` of a session at `now`, keys in the order of the service's answers. */
export function sessionProperties(s: SessionRecord, now: number, timing: SessionTiming): SessionProperties {
  const status = sessionStatus(s, now, timing);
  const readyAt = s.createdAt + timing.startupMs;
  // Connection details exist once the session has been Ready, and stay on record after it ended.
  const wasReady = !s.failsToStart && !s.noServer && now >= readyAt && (s.stoppedAt === undefined || s.stoppedAt >= readyAt);
  const elapsedTimeMinutes = elapsedMinutes(s, now, timing);
  const error = status !== "Error" ? null : s.noServer ? { ...NO_SERVER_AVAILABLE } : { ...SESSION_START_FAILED };
  if (!wasReady) {
    return { id: s.id, creationTime: s.creationTime, elapsedTimeMinutes, maxLeaseTimeMinutes: s.maxLeaseTimeMinutes, size: s.size, status, error };
  }
  return {
    id: s.id,
    creationTime: s.creationTime,
    arrInspectorPort: s.handshakePort + 1,
    handshakePort: s.handshakePort,
    elapsedTimeMinutes,
    hostname: `${s.vmId}.remoterenderingvm.${timing.region}.mixedreality.azure.com`,
    maxLeaseTimeMinutes: s.maxLeaseTimeMinutes,
    size: s.size,
    status,
    error,
    teraflops: TERAFLOPS[s.size],
  };
}
