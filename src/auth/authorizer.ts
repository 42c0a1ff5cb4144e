// Picks the Authorization of service requests for a credential: a fixed token, or a cached STS token
// obtained with an account key or an Entra token.
import { untilAborted } from "../transport/abort.js";
import type { Clock } from "../transport/clock.js";
import type { Authorizer, Transport } from "../transport/transport.js";
import { ValidationError } from "../errors/validation-error.js";
import { isAccessTokenCredential, isAccountKeyCredential, isTokenCredential, type RemoteRenderingCredential } from "./credentials.js";
import { exchangeAtSts } from "./sts.js";
import { TokenCache, type CachedToken } from "./token-cache.js";

/** An Authorizer that can also say which secret values it holds, and hand out its access token. */
export interface CredentialAuthorizer extends Authorizer {
  /** The current STS access token (fetching one if needed). */
  accessToken(signal?: AbortSignal): Promise<string>;
  /** Every secret value it knows (key, tokens), for redaction of error texts. */
  secrets(): string[];
  /** The STS it exchanges the credential at; undefined for a fixed access token. */
  readonly stsEndpoint: string | undefined;
}

/** What an authorizer needs. */
export interface AuthorizerOptions {
  credential: RemoteRenderingCredential;
  accountId: string;
  /** Origin of the rendering endpoint: the only one that gets the access token. */
  origin: string;
  stsEndpoint: string | undefined;
  accountDomain: string | undefined;
  stsTransport: Transport;
  clock: Clock;
}

/** Builds the authorizer for a credential. */
export function createAuthorizer(options: AuthorizerOptions): CredentialAuthorizer {
  const { credential, accountId, origin, clock } = options;
  if (isAccessTokenCredential(credential)) {
    const header = `Bearer ${credential.accessToken}`;
    return {
      origin,
      authorization: () => header,
      refused: () => false,
      accessToken: async () => credential.accessToken,
      secrets: () => [credential.accessToken],
      stsEndpoint: undefined,
    };
  }
  const stsEndpoint = options.stsEndpoint ?? (options.accountDomain && `https://sts.${options.accountDomain}`);
  if (!stsEndpoint)
    throw new ValidationError({
      field: "accountDomain",
      value: undefined,
      rule: "required",
      message: "accountDomain (e.g. eastus.mixedreality.azure.com) or stsEndpoint is required to exchange a credential for an access token",
    });
  const sts = { stsEndpoint, accountId, transport: options.stsTransport, clock };
  let exchange: () => Promise<CachedToken>;
  const known: string[] = [];
  if (isAccountKeyCredential(credential)) {
    const bearer = `${accountId}:${credential.accountKey}`;
    known.push(credential.accountKey, bearer);
    exchange = () => exchangeAtSts(sts, bearer);
  } else if (isTokenCredential(credential)) {
    if (!options.accountDomain)
      throw new ValidationError({
        field: "accountDomain",
        value: undefined,
        rule: "required",
        message: "accountDomain (e.g. eastus.mixedreality.azure.com) is required with a TokenCredential: it names the scope https://sts.<accountDomain>/.default",
      });
    const scope = `https://sts.${options.accountDomain}/.default`;
    exchange = async () => {
      const entra = await credential.getToken(scope);
      if (!entra?.token) throw new Error(`The TokenCredential returned no token for ${scope}`);
      known.push(entra.token);
      return exchangeAtSts(sts, entra.token);
    };
  } else {
    throw new ValidationError({
      field: "credential",
      value: "[REDACTED]",
      rule: "type",
      message: "credential must be { accountKey }, { accessToken } or a TokenCredential (an object with getToken(scopes))",
    });
  }
  const cache = new TokenCache(exchange, clock);
  return {
    origin,
    authorization: (signal) => {
      const cached = cache.fresh();
      return cached !== undefined ? `Bearer ${cached}` : cache.get(signal).then((token) => `Bearer ${token}`);
    },
    refused: (authorization) => cache.invalidate(authorization.slice("Bearer ".length)),
    accessToken: (signal) => untilAborted(cache.get(signal), signal),
    secrets: () => [...known, ...cache.tokens()],
    stsEndpoint,
  };
}
