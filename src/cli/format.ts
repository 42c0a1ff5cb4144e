// Human views of sessions and conversions: a key/value block for one, an aligned table for a list. A Ready
// session shows what a client needs to connect: hostname, handshake port and the ArrInspector address.
import type { Conversion, Session } from "../index.js";
import { details, table } from "./output.js";

type ServiceError = { readonly code: string; readonly message: string };

const errorText = (e: ServiceError | null | undefined): string | undefined => (e ? `${e.code}: ${e.message}` : undefined);

export function inspectorAddress(session: Session): string | undefined {
  // The 2021 service sent `null` / `0` while a session was Starting: those mean "not yet".
  return session.hostname && session.arrInspectorPort ? `https://${session.hostname}:${session.arrInspectorPort}` : undefined;
}

export function sessionDetails(session: Session): string {
  const lease =
    session.maxLeaseTimeMinutes === undefined
      ? undefined
      : `${session.maxLeaseTimeMinutes} min (${session.elapsedTimeMinutes ?? 0} min elapsed)`;
  return details([
    ["Session", session.id],
    ["Status", session.status],
    ["Size", session.teraflops ? `${session.size} (${session.teraflops} teraflops)` : session.size],
    ["Lease", lease],
    ["Created", session.creationTime],
    ["Hostname", session.hostname ?? undefined],
    ["Handshake port", session.handshakePort || undefined],
    ["ArrInspector", inspectorAddress(session)],
    ["Error", errorText(session.error)],
  ]);
}

export function sessionTable(sessions: readonly Session[]): string {
  if (sessions.length === 0) return "No Starting or Ready sessions.";
  return table(
    ["ID", "STATUS", "SIZE", "LEASE", "ELAPSED", "HOSTNAME"],
    sessions.map((s) => [
      s.id,
      s.status,
      s.size,
      s.maxLeaseTimeMinutes === undefined ? "" : `${s.maxLeaseTimeMinutes} min`,
      `${s.elapsedTimeMinutes ?? 0} min`,
      s.hostname ?? "",
    ]),
  );
}

/** Where the input model is read from: container + prefix + relative path. */
function inputPath(conversion: Conversion): string {
  const input = conversion.settings.inputLocation;
  return joinUri(input.storageContainerUri, input.blobPrefix ?? "", input.relativeInputAssetPath);
}

function outputPath(conversion: Conversion): string {
  const output = conversion.settings.outputLocation;
  return joinUri(output.storageContainerUri, output.blobPrefix ?? "", output.outputAssetFilename ?? "");
}

function joinUri(container: string, ...parts: string[]): string {
  const tail = parts.filter((p) => p !== "").join("/").replace(/\/{2,}/g, "/").replace(/^\//, "");
  return tail === "" ? container : `${container.replace(/\/+$/, "")}/${tail}`;
}

export function conversionDetails(conversion: Conversion): string {
  // Once the asset exists its URL is shown once, as "Output asset"; before, "Output" says where it will go.
  const asset = conversion.output?.outputAssetUri ?? undefined;
  return details([
    ["Conversion", conversion.id],
    ["Status", conversion.status],
    ["Created", conversion.creationTime],
    ["Input", inputPath(conversion)],
    ["Output", asset === undefined ? outputPath(conversion) : undefined],
    ["Output asset", asset],
    ["Error", errorText(conversion.error)],
  ]);
}

export function conversionTable(conversions: readonly Conversion[]): string {
  if (conversions.length === 0) return "No conversions.";
  return table(
    ["ID", "STATUS", "CREATED", "OUTPUT"],
    conversions.map((c) => [c.id, c.status, c.creationTime, c.output?.outputAssetUri ?? outputPath(c)]),
  );
}

/**
 * A conversion as printed with --json: the service never echoes SAS tokens, but the CLI does not rely on that —
 * a secret is never printed, whatever the server sends.
 */
export function conversionJson(conversion: Conversion): Conversion {
  const { storageContainerReadListSas: _in, ...inputLocation } = conversion.settings.inputLocation;
  const { storageContainerWriteSas: _out, ...outputLocation } = conversion.settings.outputLocation;
  return { ...conversion, settings: { ...conversion.settings, inputLocation, outputLocation } };
}
