// buildClient as create-client-node.ts calls it: with the explanations of Node's socket and TLS failures.
// (create-client-node.ts could call build-client.ts with explainNetworkError itself; this file then goes.)
import { explainNetworkError } from "../transport/explain-network-error.js";
import { buildClient as buildWith, type PlatformFetchFactory, type RemoteRenderingClient } from "./build-client.js";
import type { RemoteRenderingClientOptions } from "./options.js";

export type { RemoteRenderingClient };

/** Builds a client whose network failures are explained from Node's error codes (see build-client.ts). */
export function buildClient(options: RemoteRenderingClientOptions, platform: PlatformFetchFactory): RemoteRenderingClient {
  return buildWith(options, platform, explainNetworkError);
}
