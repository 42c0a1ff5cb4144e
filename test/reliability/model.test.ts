// Model-based test of the emulator's session state machine: random sequences of create/get/update/stop/list and
// clock advances run against the emulator (in process, manual clock, real HTTP) and against a small reference
// model written from the rules. Any divergence fails with fast-check's shrunk command sequence.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { validateAgainst } from "../support/spec-validator.js";
import { startHarness, type Harness, type Reply } from "./support.js";

const SEED = 20210101;
const NUM_RUNS = 100;
const STARTUP_MS = 5_000;
const MINUTE_MS = 60_000;
const CREATE_LEASE_LIMIT = 1440;
// "less than 1440" (the seed and the English reference).
const UPDATE_LEASE_LIMIT = 1439;
/** Sizes are matched without regard to case, as the service did, and answered in the canonical spelling. */
const canonicalSize = (size: string): Size | undefined =>
  (["Standard", "Premium"] as const).find((known) => known.toLowerCase() === size.toLowerCase());

type Size = "Standard" | "Premium";
type Status = "Starting" | "Ready" | "Error" | "Expired" | "Stopped";

// ---------------------------------------------------------------- the reference model (from the text)
interface ModelSession {
  readonly size: Size;
  /** The lease the session was created with: a create with the same settings is a retry (200). */
  readonly requestedLease: number;
  lease: number;
  readonly createdAt: number;
  stoppedAt: number | undefined;
}

interface Model {
  now: number;
  readonly sessions: Map<string, ModelSession>;
}

function statusOf(id: string, s: ModelSession, now: number): Status {
  if (s.stoppedAt !== undefined) return "Stopped";
  const readyAt = s.createdAt + STARTUP_MS;
  if (now < readyAt) return "Starting";
  if (id.startsWith("fail-")) return "Error";
  // "Expired once Ready longer than the lease": at exactly the end of the lease it is still Ready.
  return now > readyAt + s.lease * MINUTE_MS ? "Expired" : "Ready";
}

const ended = (status: Status) => status === "Error" || status === "Expired" || status === "Stopped";

/** Whole minutes spent Ready (Error sessions were never Ready). */
function elapsedOf(id: string, s: ModelSession, now: number): number {
  if (id.startsWith("fail-")) return 0;
  const readyAt = s.createdAt + STARTUP_MS;
  const end = Math.min(now, s.stoppedAt ?? Infinity, readyAt + s.lease * MINUTE_MS);
  return end <= readyAt ? 0 : Math.floor((end - readyAt) / MINUTE_MS);
}

// ---------------------------------------------------------------- checks of a real answer
function describe(r: Reply): string {
  return `${r.status} ${r.text.slice(0, 300)}`;
}

function expectError(r: Reply, status: number, what: string): void {
  assert.equal(r.status, status, `${what}: expected ${status}, got ${describe(r)}`);
  assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/error_response", r.body), [], `${what}: error body`);
}

function expectSession(r: Reply, status: 200 | 201, id: string, s: ModelSession, now: number, what: string): void {
  assert.equal(r.status, status, `${what}: expected ${status}, got ${describe(r)}`);
  assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/session_properties", r.body), [], `${what}: body`);
  const body = r.body as Record<string, unknown>;
  const expected = statusOf(id, s, now);
  assert.deepEqual(
    { id: body["id"], status: body["status"], size: body["size"], maxLeaseTimeMinutes: body["maxLeaseTimeMinutes"], elapsedTimeMinutes: body["elapsedTimeMinutes"] },
    { id, status: expected, size: s.size, maxLeaseTimeMinutes: s.lease, elapsedTimeMinutes: elapsedOf(id, s, now) },
    `${what}: session state`,
  );
  if (expected === "Ready") {
    assert.match(String(body["hostname"]), /^[0-9a-f-]{36}\.remoterendering\.vm\.[a-z0-9]+\.mixedreality\.azure\.com$/, `${what}: hostname`);
    assert.equal(typeof body["handshakePort"], "number", `${what}: handshakePort`);
  }
  if (expected === "Error") assert.equal((body["error"] as { code?: unknown } | null)?.code, "SessionStartFailed", `${what}: error code`);
  // As the 2022/2024 service: no error key unless the session failed.
  else assert.equal("error" in body, false, `${what}: error`);
  if (expected !== "Ready") assert.equal("hostname" in body, false, `${what}: hostname only while Ready`);
}

// ---------------------------------------------------------------- commands
type Cmd = fc.AsyncCommand<Model, Harness>;

class Create implements Cmd {
  constructor(
    readonly id: string,
    readonly size: string,
    readonly lease: number,
  ) {}
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    const r = await h.call("PUT", `/sessions/${this.id}`, { size: this.size, maxLeaseTimeMinutes: this.lease });
    const what = this.toString();
    const size = canonicalSize(this.size);
    if (size === undefined || !Number.isInteger(this.lease) || this.lease < 0 || this.lease > CREATE_LEASE_LIMIT) {
      expectError(r, 400, what);
      // A negative lease has the service's exact body (no target), whatever the size (the size is checked after
      // the schema, which takes any string); every other 400 names its target.
      const negativeOnly = Number.isInteger(this.lease) && this.lease < 0;
      assert.equal(Boolean((r.body as { error: { target?: unknown } }).error.target), !negativeOnly, `${what}: target`);
      return;
    }
    const existing = m.sessions.get(this.id);
    if (existing !== undefined) {
      const same = existing.size === size && existing.requestedLease === this.lease;
      if (!same || ended(statusOf(this.id, existing, m.now))) return expectError(r, 409, what);
      return expectSession(r, 200, this.id, existing, m.now, what);
    }
    const created: ModelSession = { size, requestedLease: this.lease, lease: this.lease, createdAt: m.now, stoppedAt: undefined };
    m.sessions.set(this.id, created);
    expectSession(r, 201, this.id, created, m.now, what);
  }
  toString = () => `create(${this.id}, ${this.size}, ${this.lease})`;
}

class Get implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    const r = await h.call("GET", `/sessions/${this.id}`);
    const s = m.sessions.get(this.id);
    if (s === undefined) return expectError(r, 404, this.toString());
    expectSession(r, 200, this.id, s, m.now, this.toString());
  }
  toString = () => `get(${this.id})`;
}

class Update implements Cmd {
  constructor(
    readonly id: string,
    readonly lease: number,
  ) {}
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    const r = await h.call("PATCH", `/sessions/${this.id}`, { maxLeaseTimeMinutes: this.lease });
    const what = this.toString();
    if (!Number.isInteger(this.lease)) return expectError(r, 400, what);
    const s = m.sessions.get(this.id);
    if (s === undefined) return expectError(r, 404, what);
    if (ended(statusOf(this.id, s, m.now)) || this.lease <= s.lease || this.lease > UPDATE_LEASE_LIMIT) return expectError(r, 422, what);
    s.lease = this.lease;
    expectSession(r, 200, this.id, s, m.now, what);
  }
  toString = () => `update(${this.id}, ${this.lease})`;
}

class Stop implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    const r = await h.call("POST", `/sessions/${this.id}/:stop`);
    const s = m.sessions.get(this.id);
    if (s === undefined) return expectError(r, 404, this.toString());
    assert.equal(r.status, 204, `${this.toString()}: expected 204, got ${describe(r)}`);
    assert.equal(r.text, "", `${this.toString()}: 204 has no body`);
    if (!ended(statusOf(this.id, s, m.now))) s.stoppedAt = m.now;
  }
  toString = () => `stop(${this.id})`;
}

class List implements Cmd {
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    const r = await h.call("GET", "/sessions");
    assert.equal(r.status, 200, `list: ${describe(r)}`);
    assert.deepEqual(validateAgainst("remote-rendering", "#/components/schemas/sessions_list", r.body), [], "list: body");
    const body = r.body as { sessions: { id: string; status: string }[]; "@nextLink"?: string | null };
    assert.equal(body["@nextLink"], null, "list: one page, ended with @nextLink null");
    const actual = body.sessions.map((s) => `${s.id}:${s.status}`).sort();
    const expected = [...m.sessions]
      .map(([id, s]) => `${id}:${statusOf(id, s, m.now)}`)
      .filter((entry) => entry.endsWith(":Starting") || entry.endsWith(":Ready"))
      .sort();
    assert.deepEqual(actual, expected, "list shows exactly the Starting and Ready sessions");
  }
  toString = () => "list()";
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, h: Harness): Promise<void> {
    m.now += this.ms;
    h.clock.advance(this.ms);
  }
  toString = () => `advance(${this.ms} ms)`;
}

// A small pool of ids so that commands collide; `fail-` ids end in Error instead of Ready.
const id = fc.constantFrom("s1", "s2", "fail-s3", "S1");
const size = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("Standard", "Premium") }, { weight: 1, arbitrary: fc.constantFrom("Huge", "standard", "") });
const createLease = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(0, 1, 2, 5) }, { weight: 2, arbitrary: fc.constantFrom(-1, 1440, 1441, 2.5) });
const updateLease = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(1, 2, 3, 6, 10) }, { weight: 2, arbitrary: fc.constantFrom(0, -1, 1439, 1440, 1441, 2.5) });
// Steps that land on the edges: Ready exactly at 5 s, a 1-minute lease ending exactly 60 s later, 1 ms past it.
const step = fc.constantFrom(1, 1_000, STARTUP_MS - 1, STARTUP_MS, MINUTE_MS, MINUTE_MS + 1, 5 * MINUTE_MS);

const commands = fc.commands(
  [
    fc.tuple(id, size, createLease).map(([i, s, l]) => new Create(i, s, l)),
    id.map((i) => new Get(i)),
    fc.tuple(id, updateLease).map(([i, l]) => new Update(i, l)),
    id.map((i) => new Stop(i)),
    fc.constant(new List()),
    step.map((ms) => new Advance(ms)),
  ],
  { maxCommands: 40, size: "medium" },
);

test("the emulator's sessions follow the reference state machine", { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      const harness = await startHarness({ startupSeconds: STARTUP_MS / 1000, minuteSeconds: MINUTE_MS / 1000 });
      try {
        await fc.asyncModelRun(() => ({ model: { now: harness.clock.now(), sessions: new Map() }, real: harness }), cmds);
      } finally {
        await harness.close();
      }
    }),
    { seed: SEED, numRuns: NUM_RUNS, includeErrorInReport: true },
  );
});
