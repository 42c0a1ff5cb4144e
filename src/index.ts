// The public face of the package on Node: re-exports only. index.browser.ts is its twin for browsers and
// other runtimes (package.json `exports`), differing only in where createRemoteRenderingClient comes from.
export { createRemoteRenderingClient } from "./client/create-client-node.js";
export * from "./public-api.js";
