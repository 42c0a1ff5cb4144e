// `arr token`: prints an STS access token for the account — the one command whose output is a secret, because
// that is what was asked for. The token alone on stdout (for `$(arr token)`), or with --json its expiry too.
import { connect } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { guarded } from "./runner.js";

/** The `exp` claim of a JWT as an ISO date, when the token is a JWT that has one (not verified: display only). */
function expiry(token: string): string | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && "exp" in claims && typeof claims.exp === "number"
      ? new Date(claims.exp * 1000).toISOString()
      : undefined;
  } catch {
    return undefined;
  }
}

export async function run({ parsed, out }: CommandContext): Promise<number> {
  return guarded(out, "token", async (signal) => {
    const client = connect(resolveConnection(parsed, "token"), { verbose: parsed.flags.get("verbose") === true });
    const accessToken = await client.getAccessToken({ signal });
    const expiresOn = expiry(accessToken);
    out.result({ accessToken, ...(expiresOn ? { expiresOn } : {}) }, () => accessToken, true);
    return 0;
  });
}
