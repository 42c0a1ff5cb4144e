// The conversion operations: create, get, list.
import type { components } from "../../generated/remote-rendering.js";
import { conversionProperties, conversionRetryAfter, normaliseSettings } from "./conversion-view.js";
import { param, type OperationHandler } from "./operation.js";
import { nextLink, pageOf, skipToken } from "./paging.js";
import { checkLinkedStorage } from "./linked-storage.js";
import { errorReply, json, NO_CACHE } from "./reply.js";

type Schemas = components["schemas"];

const notFound = () => errorReply(404, "NotFound", "No conversion with the given ID exists.");

export const createConversion: OperationHandler = (request, { store, timing, linkedStorage }) => {
  const id = param(request, "conversion_id");
  const given = (request.body as Schemas["create_conversion_settings"]).settings;
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
    return json(200, conversionProperties(existing, request.now, timing));
  }
  store.commit({ type: "conversionCreated", accountId: request.accountId, id, settings, createdAt: request.now });
  const created = store.conversion(request.accountId, id);
  return created === undefined ? notFound() : json(201, conversionProperties(created, request.now, timing));
};

export const getConversion: OperationHandler = (request, { store, timing, conversionRetryAfter: withRetryAfter }) => {
  const conversion = store.conversion(request.accountId, param(request, "conversion_id"));
  if (conversion === undefined) return notFound();
  const properties = conversionProperties(conversion, request.now, timing);
  // The service never sent Retry-After here; it is sent only when asked for (conversionRetryAfter).
  if (!withRetryAfter) return json(200, properties, NO_CACHE);
  return json(200, properties, { ...NO_CACHE, "Retry-After": String(conversionRetryAfter(conversion, request.now, timing)) });
};

export const listConversions: OperationHandler = (request, { store, timing }) => {
  const after = skipToken(request.query);
  if (typeof after !== "number") return after;
  const { page, nextSeq } = pageOf(store.conversions(request.accountId), after, () => true);
  const body: Schemas["conversions_list"] = {
    conversions: page.map((c) => conversionProperties(c, request.now, timing)),
    "@nextLink": nextLink(request.origin, request.accountId, "conversions", request.query, nextSeq),
  };
  return json(200, body);
};
