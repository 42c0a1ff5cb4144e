// The ARR side of auth: every call needs `Authorization: Bearer <token>` issued by this emulator's STS
// for the account in the path. Missing, malformed, forged or expired → 401; another account's → 403.
import type { AccountRegistry } from "./accounts.js";
import { replies, type Reply } from "./reply.js";
import type { TokenService } from "./tokens.js";

const REALM = 'Bearer realm="remote-rendering"';
const challenge = (description: string) => `${REALM}, error="invalid_token", error_description="${description}"`;

const MISSING = replies.unauthorized("The request has no access token.", REALM);
const INVALID = replies.unauthorized("The access token is not valid.", challenge("The access token is not valid"));
const EXPIRED = replies.unauthorized("The access token has expired.", challenge("The access token has expired"));
const FORBIDDEN = replies.forbidden();

/** The token's account when it may act on `pathAccountId` (any account when undefined), else the reply. */
export function authorize(
  header: string | undefined,
  pathAccountId: string | undefined,
  tokens: TokenService,
  accounts: AccountRegistry,
): string | Reply {
  if (header === undefined || header.length === 0) return MISSING;
  if (header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") return INVALID;
  const check = tokens.verify(header.slice(7).trim());
  if (!check.valid) return check.reason === "expired" ? EXPIRED : INVALID;
  // A token of an account this emulator no longer serves (same data dir, other accounts) is not valid.
  if (!accounts.has(check.accountId)) return INVALID;
  if (pathAccountId !== undefined && pathAccountId.toLowerCase() !== check.accountId) return FORBIDDEN;
  return check.accountId;
}
