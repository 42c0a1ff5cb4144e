// The public face of the package in browsers and other runtimes (package.json `exports`): index.ts with a
// createRemoteRenderingClient whose default transport is the global fetch. Re-exports only.
export { createRemoteRenderingClient } from "./client/create-client-browser.js";
export * from "./public-api.js";
