// client.conversions: create, get, list and waitUntilDone over the generated paths.
import { ConversionFailedError } from "../errors/ended-errors.js";
import { validateConversionId, validateConversionSettings } from "../validation/inputs.js";
import { observedBy, resultOf, type ClientContext } from "./context.js";
import { paged } from "./paging.js";
import { poll, type Observation } from "./poller.js";
import type { Conversion, ConversionSettings, PagedAsyncIterable, RequestOptions, WaitOptions } from "./types.js";

/** Model conversions of the account. */
export interface ConversionsClient {
  /**
   * Starts a conversion. Takes the bare settings (`inputLocation`, `outputLocation`) and sends them as
   * `{ settings }`. The same id with the same settings answers the existing conversion (safe to retry);
   * other settings reject with 409. SAS tokens in the settings never appear in errors.
   *
   * @example
   * ```ts
   * await client.conversions.create("robot", {
   *   inputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/input", relativeInputAssetPath: "robot.fbx" },
   *   outputLocation: { storageContainerUri: "https://contoso.blob.core.windows.net/output" },
   * });
   * ```
   */
  create(conversionId: string, settings: ConversionSettings, options?: RequestOptions): Promise<Conversion>;
  /** Gets a conversion (404 RemoteRenderingError when there is none). */
  get(conversionId: string, options?: RequestOptions): Promise<Conversion>;
  /** Lists the conversions of the account, following `@nextLink`. */
  list(options?: RequestOptions): PagedAsyncIterable<Conversion>;
  /**
   * Polls the conversion until it ends and resolves to it when `Succeeded`; rejects with
   * {@link ConversionFailedError} when it ends `Failed` or `Cancelled`; a status the spec does not know counts
   * as not yet final. Polls every `intervalMs` (default 10 s, as the official SDKs do: the service sends no
   * `Retry-After` here); a `Retry-After`, when an answer carries one, is honoured. `onProgress` sees every
   * state observed.
   */
  waitUntilDone(conversionId: string, options?: WaitOptions<Conversion>): Promise<Conversion>;
}

const conversionPath = "/accounts/{account_id}/conversions/{conversion_id}" as const;

/** The poll interval of conversions when the service sends no Retry-After. */
export const conversionPollIntervalMs = 10_000;

function sasOf(settings: ConversionSettings): string[] {
  const values = [settings.inputLocation?.storageContainerReadListSas, settings.outputLocation?.storageContainerWriteSas];
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/** Builds client.conversions. */
export function createConversions(context: ClientContext): ConversionsClient {
  const { raw, accountId } = context;
  const path = (conversion_id: string) => ({ path: { account_id: accountId, conversion_id } });

  async function observe(conversionId: string, signal: AbortSignal | undefined): Promise<Observation<Conversion>> {
    const answer = await raw.GET(conversionPath, { params: path(conversionId), signal: signal ?? null });
    return { value: resultOf<Conversion>(context, answer), response: answer.response };
  }

  return {
    async create(conversionId, settings, options) {
      validateConversionId(conversionId);
      validateConversionSettings(settings, context.urlPolicy);
      const answer = await raw.PUT(conversionPath, {
        params: path(conversionId),
        body: { settings },
        signal: options?.signal ?? null,
      });
      return resultOf<Conversion>(context, answer, sasOf(settings));
    },

    async get(conversionId, options) {
      validateConversionId(conversionId);
      return (await observe(conversionId, options?.signal)).value;
    },

    list(options) {
      return paged<Conversion>(
        context,
        "conversions",
        (signal) => raw.GET("/accounts/{account_id}/conversions", { params: { path: { account_id: accountId } }, signal: signal ?? null }),
        options,
      );
    },

    async waitUntilDone(conversionId, options) {
      validateConversionId(conversionId);
      return poll<Conversion>(
        context,
        {
          get: (signal) => observe(conversionId, signal),
          isDone: (conversion): conversion is Conversion => conversion.status === "Succeeded",
          failure: (conversion, response) => {
            if (conversion.status !== "Failed" && conversion.status !== "Cancelled") return undefined;
            return new ConversionFailedError(conversion, observedBy(response, "getConversion"));
          },
          defaultIntervalMs: () => conversionPollIntervalMs,
        },
        options,
      );
    },
  };
}
