// The wait of `sessions create --wait` and `sessions wait`: polls until Ready with a progress line on stderr.
import type { RemoteRenderingClient, Session } from "../index.js";
import { createProgress } from "./progress.js";

/** Polls until Ready, showing each observed status; rejects with SessionEndedError on Error/Expired/Stopped. */
export async function waitForSession(client: RemoteRenderingClient, id: string, signal: AbortSignal): Promise<Session> {
  const progress = createProgress(`session ${id}`);
  try {
    return await client.sessions.waitUntilReady(id, { signal, onProgress: (s: Session) => progress.update(s.status) });
  } finally {
    progress.stop();
  }
}
