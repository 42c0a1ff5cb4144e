// The checks the client runs on its inputs before any request, each against the spec's own limits.
import { ValidationError } from "../errors/validation-error.js";
import { checkParameter, checkSchema } from "./schema.js";
import { checkContainerUris } from "./container-uri.js";
import { insecureHttpHint, isAllowedUrl, isInsecureRemoteHttp, withoutQuery, type UrlPolicy } from "./url.js";

/** A session id: letters, digits, `-` and `_`, at most 256 characters (the spec's `resource_id`). */
export function validateSessionId(id: unknown): void {
  checkParameter("session_id", id, "sessionId");
}

/** A conversion id, with the same rules as a session id. */
export function validateConversionId(id: unknown): void {
  checkParameter("conversion_id", id, "conversionId");
}

/** The body of Create Session: `size` and `maxLeaseTimeMinutes` (0–1440). */
export function validateCreateSession(settings: unknown): void {
  checkSchema("create_session_settings", settings);
}

/** The body of Update Session: `maxLeaseTimeMinutes` (1–1439: "less than 1440"). */
export function validateUpdateSession(settings: unknown): void {
  checkSchema("update_session_settings", settings);
}

/**
 * The bare conversion settings (`inputLocation`, `outputLocation`) that Create Conversion wraps in `settings`;
 * a container URI carrying a query (a pasted "Blob SAS URL") is refused, naming where the SAS goes.
 */
export function validateConversionSettings(settings: unknown, policy: UrlPolicy = {}): void {
  checkSchema("conversion_settings", settings, "", policy);
  checkContainerUris(settings);
}

/** The account id of the client: a UUID, as the spec's `account_id` parameter says. */
export function validateAccountId(id: unknown): void {
  checkParameter("account_id", id, "accountId");
}

/**
 * An endpoint of the client (`endpoint`, `stsEndpoint`): absolute https, or http on a loopback host (any host
 * with `allowInsecureHttp`).
 */
export function validateEndpoint(value: unknown, field: string, policy: UrlPolicy = {}): void {
  if (typeof value !== "string")
    throw new ValidationError({ field, value, rule: "type", message: `${field} must be a URL string` });
  if (!isAllowedUrl(value, policy)) {
    const insecure = isInsecureRemoteHttp(value) ? `; ${insecureHttpHint}` : "";
    throw new ValidationError({
      field,
      value: withoutQuery(value),
      rule: "format",
      message: `${field} must be an absolute https URL (http only for loopback hosts such as http://127.0.0.1:8080) (got ${JSON.stringify(withoutQuery(value))})${insecure}`,
    });
  }
}

/**
 * The account's domain, e.g. `eastus.mixedreality.azure.com`. A bare region (`eastus`) is the common mistake:
 * the message shows the expected form.
 */
export function validateAccountDomain(value: unknown): void {
  if (typeof value !== "string")
    throw new ValidationError({ field: "accountDomain", value, rule: "type", message: "accountDomain must be a string" });
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value))
    throw new ValidationError({
      field: "accountDomain",
      value,
      rule: "format",
      message:
        `accountDomain must be the account's domain such as "eastus.mixedreality.azure.com", not a bare region` +
        ` or a URL (got ${JSON.stringify(value)}${/^[a-z0-9]+$/i.test(value) ? `; did you mean "${value}.mixedreality.azure.com"?` : ""})`,
    });
}
