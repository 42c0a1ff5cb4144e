// A storage container URI must not carry a query string. The Azure portal hands out "Blob SAS URLs" (the
// container URL + `?sv=…&sig=…`) and people paste them as the container: the SAS would then travel in a field
// the service stores and echoes back. The client refuses it and says where the SAS belongs.
import { ValidationError } from "../errors/validation-error.js";
import { withoutQuery } from "./url.js";

/** The field that holds each side's SAS. */
const sasField = { inputLocation: "storageContainerReadListSas", outputLocation: "storageContainerWriteSas" } as const;

/** Throws a ValidationError when `inputLocation`/`outputLocation.storageContainerUri` has a query or fragment. */
export function checkContainerUris(settings: unknown): void {
  if (typeof settings !== "object" || settings === null) return;
  for (const side of ["inputLocation", "outputLocation"] as const) {
    const location = (settings as Record<string, unknown>)[side];
    if (typeof location !== "object" || location === null) continue;
    const uri = (location as Record<string, unknown>)["storageContainerUri"];
    if (typeof uri !== "string" || !/[?#]/.test(uri)) continue;
    const field = `${side}.storageContainerUri`;
    throw new ValidationError({
      field,
      value: withoutQuery(uri),
      rule: "format",
      message:
        `${field} must be the container URL without a query string (got ${JSON.stringify(withoutQuery(uri))}): ` +
        `a SAS token goes in ${side}.${sasField[side]}, without the leading '?'`,
    });
  }
}
