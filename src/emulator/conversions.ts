// The conversion operations: create, get, list. Conversions whose time is up are settled (their outcome asked
// of storage, see conversion-outcome.ts) before they are shown.
import type { components } from "../../generated/remote-rendering.js";
import { containerUriWithQuery } from "./container-uri.js";
import { conversionProperties, conversionRetryAfter, normaliseSettings } from "./conversion-view.js";
import { checkLinkedStorage } from "./linked-storage.js";
import { param, type OperationHandler, type OperationRequest } from "./operation.js";
import { nextLink, pageOf, skipToken } from "./paging.js";
import { errorReply, json, NO_CACHE, type Reply } from "./reply.js";
import type { ConversionRecord } from "./store.js";

type Schemas = components["schemas"];

const notFound = () => errorReply(404, "NotFound", "No conversion with the given ID exists.");

/** `answer()` once the conversions are settled: at once, or after real storage work. */
function settled(
  request: OperationRequest,
  outcomes: { settle(accountId: string, c: Iterable<ConversionRecord>, now: number): Promise<void> | undefined },
  conversions: Iterable<ConversionRecord>,
  answer: () => Reply,
): Reply | Promise<Reply> {
  const work = outcomes.settle(request.accountId, conversions, request.now);
  return work === undefined ? answer() : work.then(answer);
}

export const createConversion: OperationHandler = (request, { store, timing, linkedStorage, outcomes }) => {
  const id = param(request, "conversion_id");
  const given = (request.body as Schemas["create_conversion_settings"]).settings;
  const withQuery = containerUriWithQuery(given);
  if (withQuery !== undefined) return withQuery;
  const refused = checkLinkedStorage(linkedStorage, [
    { location: given.inputLocation, sas: given.inputLocation.storageContainerReadListSas },
    { location: given.outputLocation, sas: given.outputLocation.storageContainerWriteSas },
  ]);
  if (refused !== undefined) return refused;
  // Normalised and stripped of SAS before anything keeps them, so a retry with another SAS is "the same".
  const settings = normaliseSettings(given);
  const existing = store.conversion(request.accountId, id);
  if (existing !== undefined) {
    if (JSON.stringify(existing.settings) !== JSON.stringify(settings)) {
      return errorReply(409, "Conflict", "A resource already exists under the given ID.");
    }
    return settled(request, outcomes, [existing], () => json(200, conversionProperties(existing, request.now, timing)));
  }
  store.commit({ type: "conversionCreated", accountId: request.accountId, id, settings, createdAt: request.now });
  outcomes.remember(request.accountId, id, given.inputLocation.storageContainerReadListSas, given.outputLocation.storageContainerWriteSas);
  const created = store.conversion(request.accountId, id);
  return created === undefined ? notFound() : json(201, conversionProperties(created, request.now, timing));
};

export const getConversion: OperationHandler = (request, { store, timing, outcomes, conversionRetryAfter: withRetryAfter }) => {
  const conversion = store.conversion(request.accountId, param(request, "conversion_id"));
  if (conversion === undefined) return notFound();
  return settled(request, outcomes, [conversion], () => {
    const properties = conversionProperties(conversion, request.now, timing);
    // The service never sent Retry-After here; it is sent only when asked for (conversionRetryAfter).
    if (!withRetryAfter) return json(200, properties, NO_CACHE);
    return json(200, properties, { ...NO_CACHE, "Retry-After": String(conversionRetryAfter(conversion, request.now, timing)) });
  });
};

export const listConversions: OperationHandler = (request, { store, timing, outcomes }) => {
  const after = skipToken(request.query);
  if (typeof after !== "number") return after;
  const { page, nextSeq } = pageOf(store.conversions(request.accountId), after, () => true);
  return settled(request, outcomes, page, () => {
    const body: Schemas["conversions_list"] = {
      conversions: page.map((c) => conversionProperties(c, request.now, timing)),
      "@nextLink": nextLink(request.origin, request.accountId, "conversions", request.query, nextSeq),
    };
    return json(200, body);
  });
};
