// The `code` of an error whose response has no body: the status's name, as the service spells its codes.
const names: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableEntity",
  429: "TooManyRequests",
  500: "InternalServerError",
  501: "NotImplemented",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/** `NotFound` for 404 and so on; `Http418` for a status without a well-known name. */
export function statusCode(status: number): string {
  return names[status] ?? `Http${status}`;
}
