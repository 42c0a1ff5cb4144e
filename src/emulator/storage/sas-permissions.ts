// What a conversion needs from each SAS, checked before any blob is touched so the failure can say exactly which
// permission is missing: the input container needs read (r) and list (l), the output container write (w).

const NAMES: Record<string, string> = { r: "read", l: "list", w: "write" };

/** The permission letters of a SAS (`sp=`), or undefined when the SAS has none. */
function permissionsOf(sas: string): string | undefined {
  return new URLSearchParams(sas.startsWith("?") ? sas.slice(1) : sas).get("sp") ?? undefined;
}

/** The permissions `needed` (letters) that the SAS lacks, as `read (r)` phrases; empty when it has them all. */
export function missingPermissions(sas: string, needed: string): string[] {
  const granted = permissionsOf(sas) ?? "";
  return [...needed].filter((p) => !granted.includes(p)).map((p) => `${NAMES[p] ?? p} (${p})`);
}
