// `arr demo` (and `npm start`): the whole product on one machine. Starts the emulator in-process on a free port
// with short times, then drives a lifecycle through the public client exactly as a user's code would — create a
// session, wait for Ready, extend the lease, list, convert a model, stop — printing each step. ~10 s.
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, startEmulator } from "../emulator/index.js";
import { createRemoteRenderingClient, type Conversion, type Session } from "../index.js";
import type { CommandContext } from "./context.js";
import { conversionDetails, sessionDetails, sessionTable } from "./format.js";
import { inRepository } from "./in-repository.js";
import { createProgress, formatElapsed } from "./progress.js";
import { guarded } from "./runner.js";

// Short emulated times so the demo finishes in seconds; polling a little faster than the SDK's 2 s default
// for the same reason (the emulator is local, so there is nobody to overload).
const STARTUP_SECONDS = 3;
const CONVERSION_SECONDS = 4;
const POLL_MS = 500;
const STEPS = 7;

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const indent = (text: string): string => text.replace(/^/gm, "    ");

export async function run({ out }: CommandContext): Promise<number> {
  const started = Date.now();
  const steps = { done: 0, current: "" };
  const next = (text: string): void => {
    steps.current = text;
    say(`\n[${++steps.done}/${STEPS}] ${text}`);
  };
  const code = await guarded(out, "demo", (signal) =>
    lifecycle(signal, next).catch((error: unknown) => {
      // Say where it broke; the runner then prints the error itself (code, message, MS-CV) and picks the exit code.
      if (!signal.aborted) process.stderr.write(`\narr demo failed at step ${steps.done}/${STEPS} (${steps.current})\n`);
      throw error;
    }),
  );
  if (code === 0) {
    const next = inRepository() ? "'npm test', or 'arr emulator' and 'arr --help'" : "'arr emulator' and 'arr --help'";
    say(`\nDone in ${formatElapsed(Date.now() - started)}; the emulator is closed. Next: ${next}.`);
  }
  return code;
}

async function lifecycle(signal: AbortSignal, next: (text: string) => void): Promise<number> {
  say("Azure Remote Rendering client — a whole lifecycle against the local emulator");
  next(`Starting the emulator (sessions Ready after ${STARTUP_SECONDS} s, conversions take ${CONVERSION_SECONDS} s)`);
  // The demo converts from the storage account `demo` without SAS tokens: it is linked, as the service requires.
  const emulator = await startEmulator({
    port: 0,
    startupSeconds: STARTUP_SECONDS,
    conversionSeconds: CONVERSION_SECONDS,
    linkedStorage: ["demo"],
  });
  try {
    say(`    Emulator listening on ${emulator.url}`);
    say(`    development account ${DEVELOPMENT_ACCOUNT_ID} (its key is public, documented and no secret)`);
    // Exactly what a user's program does: the service and its token service are both at the emulator's URL.
    const client = createRemoteRenderingClient({
      endpoint: emulator.url,
      stsEndpoint: emulator.url,
      accountId: DEVELOPMENT_ACCOUNT_ID,
      credential: { accountKey: DEVELOPMENT_ACCOUNT_KEY },
    });
    const sessionId = "demo-session";
    const conversionId = "demo-conversion";

    next(`Creating session '${sessionId}' (Standard, lease 10 minutes)`);
    const created = await client.sessions.create(sessionId, { size: "Standard", maxLeaseTimeMinutes: 10 }, { signal });
    say(`    status ${created.status}`);

    next("Waiting for the session to be Ready");
    const progress = createProgress(`    session ${sessionId}`, { stream: process.stdout });
    let ready: Session;
    try {
      ready = await client.sessions.waitUntilReady(sessionId, {
        signal,
        intervalMs: POLL_MS,
        onProgress: (s: Session) => progress.update(s.status),
      });
    } finally {
      progress.stop();
    }
    say(indent(sessionDetails(ready)));

    next("Extending the lease to 20 minutes");
    const updated = await client.sessions.update(sessionId, { maxLeaseTimeMinutes: 20 }, { signal });
    say(`    lease now ${updated.maxLeaseTimeMinutes ?? "?"} minutes`);

    next("Listing the sessions");
    const sessions: Session[] = [];
    for await (const session of client.sessions.list({ signal })) sessions.push(session);
    say(indent(sessionTable(sessions)));

    next(`Converting a model (conversion '${conversionId}', robot.fbx → robot.arrAsset)`);
    await client.conversions.create(
      conversionId,
      {
        inputLocation: { storageContainerUri: "https://demo.blob.core.windows.net/models", relativeInputAssetPath: "robot.fbx" },
        outputLocation: { storageContainerUri: "https://demo.blob.core.windows.net/converted", blobPrefix: "demo" },
      },
      { signal },
    );
    const conversionProgress = createProgress(`    conversion ${conversionId}`, { stream: process.stdout });
    let done: Conversion;
    try {
      done = await client.conversions.waitUntilDone(conversionId, {
        signal,
        // The service sends no Retry-After on conversions; the demo's emulator converts in seconds, so poll faster.
        intervalMs: POLL_MS,
        onProgress: (c: Conversion) => conversionProgress.update(c.status),
      });
    } finally {
      conversionProgress.stop();
    }
    say(indent(conversionDetails(done)));

    next(`Stopping session '${sessionId}'`);
    await client.sessions.stop(sessionId, { signal });
    const stopped = await client.sessions.get(sessionId, { signal });
    say(`    status ${stopped.status}`);
    return 0;
  } finally {
    await emulator.close();
  }
}
