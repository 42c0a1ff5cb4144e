// `acceptAnyEntraToken`: the STS also exchanges a bearer token that is not an account key — a Microsoft Entra
// token, as the SDKs' TokenCredential path sends — checked for the shape of a JWT and for expiry, not for its
// signature (the emulator knows no Entra keys). A development convenience, like Azurite's `--oauth basic`.

export type EntraCheck = "valid" | "malformed" | "expired";

// Entra's clocks and ours may differ a little; a token valid from a minute from now is accepted.
const SKEW_SECONDS = 300;

function segment(text: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks `token` as a JWT (header with `alg`, claims with a numeric `exp`, a signature) valid at `nowMs`. */
export function checkEntraToken(token: string, nowMs: number): EntraCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[2] ?? "")) return "malformed";
  const header = segment(parts[0] ?? "");
  const claims = segment(parts[1] ?? "");
  if (header === undefined || claims === undefined || typeof header["alg"] !== "string" || header["alg"] === "none") return "malformed";
  const { exp, nbf } = claims;
  if (typeof exp !== "number" || !Number.isFinite(exp)) return "malformed";
  if (nbf !== undefined && (typeof nbf !== "number" || nbf - SKEW_SECONDS > nowMs / 1000)) return "malformed";
  return exp * 1000 > nowMs ? "valid" : "expired";
}
