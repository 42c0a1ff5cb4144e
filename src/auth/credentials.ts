// The three ways to authenticate, typed structurally so that @azure/identity credentials fit without a
// dependency on @azure/core-auth.

/** An account key of the Remote Rendering account; exchanged at the Mixed Reality STS for access tokens. */
export interface AccountKeyCredential {
  /** The primary or secondary key of the account (a secret). */
  readonly accountKey: string;
}

/** A ready-made STS access token, sent as is (never refreshed: a 401 is final). */
export interface AccessTokenCredential {
  /** An access token issued by the Mixed Reality STS for the account (a secret). */
  readonly accessToken: string;
}

/** A token as a {@link TokenCredential} returns it (the shape of `@azure/core-auth`'s `AccessToken`). */
export interface AccessToken {
  /** The token (a secret). */
  token: string;
  /** When it expires, in milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

/**
 * Any Azure `TokenCredential`, e.g. `new DefaultAzureCredential()` from `@azure/identity`: asked for the scope
 * `https://sts.<accountDomain>/.default`, and its token exchanged at the STS for an access token.
 */
export interface TokenCredential {
  /** Gets a Microsoft Entra token for `scopes`. */
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<AccessToken | null>;
}

/** How the client authenticates: an account key, an STS access token, or a TokenCredential. */
export type RemoteRenderingCredential = AccountKeyCredential | AccessTokenCredential | TokenCredential;

/** True for an {@link AccountKeyCredential}. */
export function isAccountKeyCredential(c: RemoteRenderingCredential): c is AccountKeyCredential {
  return typeof (c as Partial<AccountKeyCredential>).accountKey === "string";
}

/** True for an {@link AccessTokenCredential}. */
export function isAccessTokenCredential(c: RemoteRenderingCredential): c is AccessTokenCredential {
  return typeof (c as Partial<AccessTokenCredential>).accessToken === "string";
}

/** True for a {@link TokenCredential}. */
export function isTokenCredential(c: RemoteRenderingCredential): c is TokenCredential {
  return typeof (c as Partial<TokenCredential>).getToken === "function";
}
