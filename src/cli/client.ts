// Builds the client from a resolved connection, through the package's public entry point only — the CLI is a
// user of the SDK like any other. It sends through the library's default transport: on Node the keep-alive
// node:http one, which also spares a one-shot command the ~150 ms the first call of the global fetch costs.
import { createRemoteRenderingClient, type ClientLogger, type RemoteRenderingClient } from "../index.js";
import type { Connection } from "./connection.js";
import { packageVersion } from "./version.js";

/** `arr --verbose`: the client's debug lines on stderr (they hold no secret: paths, statuses, MS-CV only). */
const stderrLogger: ClientLogger = { debug: (message) => process.stderr.write(`${message}\n`) };

export function connect(connection: Connection, options: { verbose?: boolean } = {}): RemoteRenderingClient {
  return createRemoteRenderingClient({
    endpoint: connection.endpoint,
    accountId: connection.accountId,
    ...(connection.accountDomain === undefined ? {} : { accountDomain: connection.accountDomain }),
    credential: connection.credential,
    ...(connection.stsEndpoint === undefined ? {} : { stsEndpoint: connection.stsEndpoint }),
    ...(connection.ca === undefined ? {} : { ca: connection.ca }),
    userAgent: `arr/${packageVersion()}`,
    allowInsecureHttp: connection.allowInsecureHttp,
    // Without --verbose, ARR_LOG=debug still works: the client reads it itself (on stderr too).
    ...(options.verbose ? { logger: stderrLogger } : {}),
  });
}
