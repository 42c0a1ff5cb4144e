// waitUntilReady resolves to a ReadySession: hostname and ports are not optional in its type, and a Ready
// answer without them (as the service may send for a moment) is polled again rather than handed out.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReadySession } from "../../src/index.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { clientFor, session, sessionPath } from "../support/arr-fixtures.js";

// Type level: these lines fail to compile (npm run typecheck) if the fields become optional again.
type Required<T, K extends keyof T> = undefined extends T[K] ? false : null extends T[K] ? false : true;
const hostnameRequired: Required<ReadySession, "hostname"> = true;
const handshakeRequired: Required<ReadySession, "handshakePort"> = true;
const inspectorRequired: Required<ReadySession, "arrInspectorPort"> = true;

test("a Ready answer without hostname or ports is not ready yet", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client, clock } = clientFor(server);
  const bare = session("s1", "Ready");
  delete bare["hostname"];
  delete bare["handshakePort"];
  const noInspector = session("s1", "Ready");
  delete noInspector["arrInspectorPort"];
  server.enqueue("GET", sessionPath("s1"), { body: bare }, { body: noInspector }, { body: session("s1", "Ready") });
  const seen: string[] = [];
  const ready = await client.sessions.waitUntilReady("s1", { onProgress: (s) => seen.push(`${s.status}:${s.hostname ?? "-"}`) });
  const hostname: string = ready.hostname;
  const port: number = ready.handshakePort;
  assert.match(hostname, /remoterenderingvm/);
  assert.equal(port, 50051);
  assert.equal(ready.arrInspectorPort, 50052);
  assert.equal(seen.length, 3, seen.join(", "));
  assert.equal(clock.sleeps.length, 2, "polled again twice, at the Standard interval");
  assert.ok(hostnameRequired && handshakeRequired && inspectorRequired);
});
