// Which transport the suites run against: "node" (the package's default on Node) or "fetch" (the global fetch,
// as in browsers), set by test/support/fetch-transport.mjs. Child `arr` processes get the same.
import { fileURLToPath } from "node:url";

export const transportUnderTest: "node" | "fetch" = process.env["TEST_TRANSPORT"] === "fetch" ? "fetch" : "node";

/** Node flags a child `arr` process needs to run with the transport under test. */
export const childTransportArgs: readonly string[] =
  transportUnderTest === "fetch" ? ["--import", fileURLToPath(new URL("./fetch-transport.mjs", import.meta.url))] : [];
