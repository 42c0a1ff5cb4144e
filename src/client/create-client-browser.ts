// createRemoteRenderingClient as the browser (and any non-Node) entry of the package exports it: the default
// transport is the global fetch, and nothing here reaches node:http. A failed connection is described from
// the fetch's own error text: a browser's fetch exposes no socket or TLS codes to explain.
import { ValidationError } from "../errors/validation-error.js";
import { explainFetchFailure } from "../transport/explain-network-error.js";
import { buildClient, type PlatformFetch, type RemoteRenderingClient } from "./build-client.js";
import type { RemoteRenderingClientOptions } from "./options.js";

function globalFetch(options: RemoteRenderingClientOptions): PlatformFetch {
  // A browser trusts its own certificate store; accepting `ca` and ignoring it would hide a failing setup.
  if (options.ca !== undefined)
    throw new ValidationError({ field: "ca", value: "[PEM]", rule: "type", message: "ca needs the Node transport; here the platform's fetch decides which CAs it trusts" });
  return { fetch: (input, init) => globalThis.fetch(input, init), close: () => {} };
}

/**
 * Creates a client of an Azure Remote Rendering account. Inputs are checked at once (a ValidationError
 * names the option); no request is sent until the first call. Outside Node the client sends through the
 * global fetch (or `options.fetch` when given).
 */
export function createRemoteRenderingClient(options: RemoteRenderingClientOptions): RemoteRenderingClient {
  return buildClient(options, globalFetch, explainFetchFailure);
}
