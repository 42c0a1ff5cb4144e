// The type of client.raw: openapi-fetch over the generated paths, with `api-version` optional because the
// client adds it to every request.
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/remote-rendering.js";

type OptionalApiVersion<Op> = Op extends { parameters: { query: infer Q } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Op["parameters"], "query"> & { query?: Partial<Q> } }
  : Op;

/**
 * A value with the open enumerations of generated/ (`"Standard" | "Premium" | (string & {})`) as plain `string`:
 * openapi-fetch maps response types through an object-mapping type that would turn `string & {}` into an
 * object. In answers any string may come, so `string` says the same.
 */
type PlainOpenEnums<T> = T extends string
  ? string extends T
    ? string
    : T
  : T extends readonly (infer E)[]
    ? PlainOpenEnums<E>[]
    : T extends object
      ? { [K in keyof T]: PlainOpenEnums<T[K]> }
      : T;

type PlainResponses<Op> = Op extends { responses: infer R }
  ? Omit<Op, "responses"> & {
      responses: { [C in keyof R]: R[C] extends { content: infer B } ? Omit<R[C], "content"> & { content: PlainOpenEnums<B> } : R[C] };
    }
  : Op;

/** The paths of the Remote Rendering API as `client.raw` accepts them (`api-version` may be left out). */
export type RawPaths = {
  [P in keyof paths]: {
    [M in keyof paths[P]]: M extends "parameters" ? paths[P][M] : PlainResponses<OptionalApiVersion<paths[P][M]>>;
  };
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
