// A storage container URI with a query string is most likely a pasted "Blob SAS URL": the SAS would be kept and
// echoed in every answer. Refused with a 400 that names the field and where the SAS goes; the value itself is
// never quoted, stored or logged.
import type { ConversionSettings } from "./store.js";
import { errorReply, type Reply } from "./reply.js";

const sasField = { inputLocation: "storageContainerReadListSas", outputLocation: "storageContainerWriteSas" } as const;

/** A 400 reply when a container URI of `settings` carries a query or fragment, else undefined. */
export function containerUriWithQuery(settings: ConversionSettings): Reply | undefined {
  for (const side of ["inputLocation", "outputLocation"] as const) {
    if (!/[?#]/.test(settings[side].storageContainerUri)) continue;
    const target = `settings.${side}.storageContainerUri`;
    return errorReply(
      400,
      "BadRequest",
      `The ${target} value must be the container URL without a query string; a SAS token goes in settings.${side}.${sasField[side]}.`,
      { target },
    );
  }
  return undefined;
}
