// A session's status and properties at a moment, derived from its record and the timing options:
// Starting until startupSeconds have passed, then Ready (or Error for `fail-` ids), Expired once Ready
// longer than the lease, Stopped from the moment of a stop.
import type { components } from "../../generated/remote-rendering.js";
import { TERAFLOPS } from "./sizes.js";
import type { SessionRecord } from "./store.js";

export { TERAFLOPS } from "./sizes.js";

type SessionProperties = components["schemas"]["session_properties"];
/** The same, being filled in (the generated type's fields are read-only). */
type Building<T> = { -readonly [K in keyof T]: T[K] };
export type SessionStatus = components["schemas"]["session_status"];

export interface SessionTiming {
  readonly startupMs: number;
  readonly minuteMs: number;
  readonly region: string;
}

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

// The inspector port is the handshake port moved by this much within 49152–65534, so the two are never
// adjacent (the 2024 recording: 52483 and 63047) and nothing new goes into the journal.
const PORT_LOW = 49152;
const PORT_SPAN = 65534 - PORT_LOW + 1;
const INSPECTOR_OFFSET = 63047 - 52483;

export function inspectorPortOf(handshakePort: number): number {
  return PORT_LOW + ((handshakePort - PORT_LOW + INSPECTOR_OFFSET) % PORT_SPAN);
}

/**
 * The `session_properties` of a session at `now`, in the shape of the service's 2022 and 2024 answers:
 * no `error` key unless the session failed; while Starting no hostname, ports or teraflops; once it has
 * ended (Stopped, Expired) hostname and ports are dropped, `elapsedTimeMinutes` and `teraflops` kept.
 */
export function sessionProperties(s: SessionRecord, now: number, timing: SessionTiming): SessionProperties {
  const status = sessionStatus(s, now, timing);
  const readyAt = s.createdAt + timing.startupMs;
  const wasReady = !s.failsToStart && !s.noServer && now >= readyAt && (s.stoppedAt === undefined || s.stoppedAt >= readyAt);
  // Built by adding keys in the answer's order rather than by spreading a base object: a spread per answer
  // was a tenth of the emulator's CPU under load.
  const properties: Building<SessionProperties> = {
    id: s.id,
    creationTime: s.creationTime,
    elapsedTimeMinutes: elapsedMinutes(s, now, timing),
    maxLeaseTimeMinutes: s.maxLeaseTimeMinutes,
    size: s.size,
    status,
  };
  if (status === "Error") {
    properties.error = { ...(s.noServer ? NO_SERVER_AVAILABLE : SESSION_START_FAILED) };
    return properties;
  }
  if (!wasReady) return properties;
  if (status === "Ready") {
    properties.hostname = `${s.vmId}.remoterendering.vm.${timing.region}.mixedreality.azure.com`;
    properties.handshakePort = s.handshakePort;
    properties.arrInspectorPort = inspectorPortOf(s.handshakePort);
  }
  properties.teraflops = TERAFLOPS[s.size];
  return properties;
}
