// createRemoteRenderingClient as the Node entry of the package exports it: the default transport is the
// keep-alive node:http/node:https one (src/transport/node-fetch.ts).
import { explainNetworkError } from "../transport/explain-network-error.js";
import { createNodeFetch, type NodeFetch } from "../transport/node-fetch.js";
import { validateCa, validateMaxSockets } from "../validation/transport-options.js";
import { buildClient, type RemoteRenderingClient } from "./build-client.js";
import type { RemoteRenderingClientOptions } from "./options.js";

/**
 * Creates a client of an Azure Remote Rendering account. Inputs are checked at once (a ValidationError
 * names the option); no request is sent until the first call. On Node the client sends through its own
 * keep-alive `node:http`/`node:https` agent (release it with `client.close()`); elsewhere through the global
 * fetch; always through `options.fetch` when given.
 *
 * @example
 * ```ts
 * const client = createRemoteRenderingClient({
 *   endpoint: "https://remoterendering.eastus.mixedreality.azure.com",
 *   accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
 *   accountDomain: "eastus.mixedreality.azure.com",
 *   credential: { accountKey: process.env.ARR_ACCOUNT_KEY! },
 * });
 * const session = await client.sessions.create("my-session", { size: "Standard", maxLeaseTimeMinutes: 60 });
 * ```
 */
export function createRemoteRenderingClient(options: RemoteRenderingClientOptions): RemoteRenderingClient {
  // Node's socket and TLS error codes are explained (the browser entry has no such codes to explain).
  return buildClient(options, nodeFetchFor, explainNetworkError);
}

const defaultMaxSockets = 16;

function nodeFetchFor(options: RemoteRenderingClientOptions): NodeFetch {
  const ca = validateCa(options.ca);
  validateMaxSockets(options.maxSockets);
  return createNodeFetch({ ca, maxSockets: options.maxSockets ?? defaultMaxSockets });
}
