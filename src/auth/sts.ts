// The token exchange at the Mixed Reality STS: GET {sts}/Accounts/{accountId}/token with the caller's
// credential as bearer, answered with an ARR access token (a JWT).
import { stsApiVersion, stsPath } from "../../generated/constraints.js";
import type { components } from "../../generated/mixed-reality-sts.js";
import { errorFromResponse } from "../errors/from-response.js";
import { RemoteRenderingError } from "../errors/remote-rendering-error.js";
import type { Clock } from "../transport/clock.js";
import { readBody } from "../transport/read-body.js";
import type { Transport } from "../transport/transport.js";
import { newCorrelationVector } from "./correlation-vector.js";
import { jwtExpiry } from "./jwt.js";
import type { CachedToken } from "./token-cache.js";

type StsToken = components["schemas"]["sts_token"];

/** Where and how to exchange. */
export interface StsOptions {
  stsEndpoint: string;
  accountId: string;
  transport: Transport;
  clock: Clock;
}

/** Exchanges `credential` (`<accountId>:<accountKey>` or an Entra token) for an access token. */
export async function exchangeAtSts(options: StsOptions, credential: string): Promise<CachedToken> {
  const path = stsPath.replace("{accountId}", encodeURIComponent(options.accountId));
  const url = `${options.stsEndpoint}${path}?api-version=${stsApiVersion}`;
  const request = new Request(url, {
    method: "GET",
    headers: { authorization: `Bearer ${credential}`, "x-mrc-cv": newCorrelationVector(), accept: "application/json" },
  });
  const response = await options.transport(request);
  const body = await readBody(response);
  if (!response.ok) throw errorFromResponse(request, response, body, [credential]);
  const token = (body as Partial<StsToken> | undefined)?.AccessToken;
  if (typeof token !== "string" || token === "")
    throw new RemoteRenderingError({
      status: response.status,
      code: "InvalidTokenResponse",
      message: "The token service answered without an AccessToken",
      correlationVector: response.headers.get("ms-cv") ?? undefined,
      operation: "getToken",
      method: "GET",
      path: new URL(url).pathname,
    });
  return { token, expiresAt: jwtExpiry(token), obtainedAt: options.clock.now() };
}
