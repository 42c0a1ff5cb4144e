// The token service: `GET /Accounts/{accountId}/token` exchanges `Bearer <accountId>:<accountKey>` for a
// signed access token of that account, as the Mixed Reality STS does. With `acceptAnyEntraToken`, a bearer
// token that is not a key (a Microsoft Entra token) is exchanged too, after a check of shape and expiry only.
import type { AccountRegistry } from "./accounts.js";
import { errorReply, json, NO_CACHE, type Reply } from "./reply.js";
import { checkEntraToken } from "./entra.js";
import type { TokenService } from "./tokens.js";

const CHALLENGE = 'Bearer realm="mixed-reality-sts"';
const withChallenge = { "WWW-Authenticate": CHALLENGE };

export const stsReplies = {
  missing: errorReply(401, "Unauthorized", "The request has no credential.", { headers: withChallenge }),
  malformed: errorReply(400, "BadRequest", "The authorization header is malformed.", { headers: withChallenge }),
  wrongKey: errorReply(401, "Unauthorized", "The credential is not valid for the account.", { headers: withChallenge }),
  entra: errorReply(
    401,
    "Unauthorized",
    "The emulator accepts account keys only; start it with --accept-any-entra-token (acceptAnyEntraToken) to exchange Microsoft Entra tokens.",
    { headers: withChallenge },
  ),
  entraMalformed: errorReply(401, "Unauthorized", "The Microsoft Entra token is not a well-formed JWT with an exp claim.", {
    headers: withChallenge,
  }),
  entraExpired: errorReply(401, "Unauthorized", "The Microsoft Entra token has expired.", { headers: withChallenge }),
  unknownAccount: errorReply(401, "Unauthorized", "The emulator serves no such account.", { headers: withChallenge }),
} as const;

/** What the STS does with a token that is not a key: refuse it, or (the option) check it at `nowMs`. */
export type EntraPolicy = { readonly acceptAny: false } | { readonly acceptAny: true; readonly nowMs: () => number };

function exchangeEntra(token: string, pathAccountId: string, accounts: AccountRegistry, policy: EntraPolicy): string | Reply {
  if (!policy.acceptAny) return stsReplies.entra;
  const check = checkEntraToken(token, policy.nowMs());
  if (check !== "valid") return check === "expired" ? stsReplies.entraExpired : stsReplies.entraMalformed;
  return accounts.has(pathAccountId) ? pathAccountId.toLowerCase() : stsReplies.unknownAccount;
}

/** Checks the credential; the account id (lower case) when it is the key of the path's account, else a reply. */
export function checkCredential(
  header: string | undefined,
  pathAccountId: string,
  accounts: AccountRegistry,
  entra: EntraPolicy = { acceptAny: false },
): string | Reply {
  if (header === undefined || header.length === 0) return stsReplies.missing;
  if (header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") return stsReplies.malformed;
  const credential = header.slice(7).trim();
  const colon = credential.indexOf(":");
  if (colon < 0) return exchangeEntra(credential, pathAccountId, accounts, entra);
  const accountId = credential.slice(0, colon).toLowerCase();
  if (accountId !== pathAccountId.toLowerCase() || !accounts.verifyKey(accountId, credential.slice(colon + 1))) {
    return stsReplies.wrongKey;
  }
  return accountId;
}

export function issueToken(accountId: string, tokens: TokenService): Reply {
  // Tokens are secrets: no cache may keep them (the headers the service sent).
  return json(200, { AccessToken: tokens.issue(accountId) }, NO_CACHE);
}
