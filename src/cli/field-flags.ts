// The client's ValidationError names a field of the API (`maxLeaseTimeMinutes`,
// `inputLocation.storageContainerUri`, …); the user typed a flag. This maps one to the other so a usage error
// names what to fix on the command line.

const leaves: Record<string, string> = {
  maxleasetimeminutes: "--lease",
  size: "--size",
  sessionid: "<id>",
  conversionid: "<id>",
  id: "<id>",
  endpoint: "--endpoint",
  accountid: "--account-id",
  accountdomain: "--account-domain",
  accountkey: "--account-key",
  accesstoken: "--access-token",
  stsendpoint: "--sts-endpoint",
  relativeinputassetpath: "--input-asset",
  storagecontainerreadlistsas: "--input-sas",
  storagecontainerwritesas: "--output-sas",
  outputassetfilename: "--output-name",
  extendbyminutes: "--by",
  whenremainingminutes: "--when-remaining",
  minutems: "--minute-seconds",
  ca: "--ca",
};

/** The flag for a client field path, or the field itself in backquotes when no flag sets it. */
export function flagForField(field: string): string {
  const parts = field.split(/[.[\]/]+/).filter((p) => p !== "").map((p) => p.toLowerCase());
  const leaf = parts.at(-1) ?? "";
  const side = parts.some((p) => p.startsWith("input")) ? "input" : parts.some((p) => p.startsWith("output")) ? "output" : undefined;
  if (side && leaf === "storagecontaineruri") return `--${side}-container`;
  if (side && leaf === "blobprefix") return `--${side}-prefix`;
  return leaves[leaf] ?? `\`${field}\``;
}
