// The type of client.raw: openapi-fetch over the generated paths, with `api-version` optional because the
// client adds it to every request.
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/remote-rendering.js";

type OptionalApiVersion<Op> = Op extends { parameters: { query: infer Q } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Op["parameters"], "query"> & { query?: Partial<Q> } }
  : Op;

/** The paths of the Remote Rendering API as `client.raw` accepts them (`api-version` may be left out). */
export type RawPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: M extends "parameters" ? paths[P][M] : OptionalApiVersion<paths[P][M]> };
};

/**
 * The underlying openapi-fetch client with authentication, `api-version` and retries applied. It returns
 * `{ data, error, response }` and does not throw for HTTP errors: branch on `response.ok`.
 *
 * @example
 * ```ts
 * const { data, response } = await client.raw.GET("/accounts/{account_id}/sessions/{session_id}", {
 *   params: { path: { account_id: accountId, session_id: "my-session" } },
 * });
 * if (response.ok) console.log(data?.status);
 * ```
 */
export type RawClient = Client<RawPaths, "application/json">;
