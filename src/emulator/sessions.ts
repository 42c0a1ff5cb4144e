// The session operations: create, get, update, stop, list.
import type { components } from "../../generated/remote-rendering.js";
import { randomInt, randomUUID } from "node:crypto";
import { requestSchemas } from "../../generated/constraints.js";
import { param, type OperationEnv, type OperationHandler } from "./operation.js";
import { nextLink, pageOf, skipToken } from "./paging.js";
import { errorReply, json, NO_CACHE, noContent } from "./reply.js";
import { canonicalSize } from "./sizes.js";
import { isEnded, sessionProperties, sessionStatus, type SessionTiming } from "./session-view.js";
import type { SessionSize, Store } from "./store.js";

type Schemas = components["schemas"];

// The spec's limit of an update ("less than 1440", i.e. maximum 1439): answered 422 here, not 400.
const LEASE_LIMIT = requestSchemas.update_session_settings.properties.maxLeaseTimeMinutes.maximum;

const notFound = () => errorReply(404, "NotFound", "No session with the given ID exists.");
const conflict = () => errorReply(409, "Conflict", "A resource already exists under the given ID.");

/** Sessions of `size` holding a server of the region at `now` (Starting or Ready; never those without one). */
function occupied(store: Store, size: SessionSize, now: number, timing: SessionTiming): number {
  let count = 0;
  for (const s of store.allSessions()) {
    if (s.size === size && !s.noServer && !isEnded(sessionStatus(s, now, timing))) count++;
  }
  return count;
}

function isFull(store: Store, size: SessionSize, now: number, timing: SessionTiming, capacity: OperationEnv["capacity"]): boolean {
  const limit = capacity?.(size);
  return limit !== undefined && occupied(store, size, now, timing) >= limit;
}

export const createSession: OperationHandler = (request, { store, timing, capacity }) => {
  const id = param(request, "session_id");
  const settings = request.body as Schemas["create_session_settings"];
  const size = canonicalSize(settings.size);
  if (typeof size !== "string") return size;
  const existing = store.session(request.accountId, id);
  if (existing !== undefined) {
    // A retried create (same settings, session still alive) answers 200; an ended id is never reused.
    const same = existing.size === size && existing.requestedLeaseMinutes === settings.maxLeaseTimeMinutes;
    if (!same || isEnded(sessionStatus(existing, request.now, timing))) return conflict();
    return json(200, sessionProperties(existing, request.now, timing));
  }
  store.commit({
    type: "sessionCreated",
    accountId: request.accountId,
    id,
    size,
    maxLeaseTimeMinutes: settings.maxLeaseTimeMinutes,
    createdAt: request.now,
    vmId: randomUUID(),
    // The inspector port is derived from it (not adjacent, as in the service's answers); see session-view.ts.
    handshakePort: randomInt(49152, 65534),
    // Beyond the region's capacity the create is still accepted (201 Starting), as the service does, and the
    // session then ends in Error: the caller learns it by polling, like any start failure.
    ...(isFull(store, size, request.now, timing, capacity) ? { noServer: true } : {}),
  });
  const created = store.session(request.accountId, id);
  return created === undefined ? notFound() : json(201, sessionProperties(created, request.now, timing));
};

export const getSession: OperationHandler = (request, { store, timing }) => {
  const session = store.session(request.accountId, param(request, "session_id"));
  return session === undefined ? notFound() : json(200, sessionProperties(session, request.now, timing), NO_CACHE);
};

export const updateSession: OperationHandler = (request, { store, timing }) => {
  const id = param(request, "session_id");
  const session = store.session(request.accountId, id);
  if (session === undefined) return notFound();
  const lease = (request.body as Schemas["update_session_settings"]).maxLeaseTimeMinutes;
  const target = { target: "maxLeaseTimeMinutes" };
  if (isEnded(sessionStatus(session, request.now, timing))) {
    return errorReply(422, "UnprocessableEntity", "The session has ended; its lease can no longer be changed.", target);
  }
  if (lease <= session.maxLeaseTimeMinutes) {
    return errorReply(422, "UnprocessableEntity", "The maxLeaseTimeMinutes value must be greater than the current one.", target);
  }
  if (lease > LEASE_LIMIT) {
    return errorReply(422, "UnprocessableEntity", `The maxLeaseTimeMinutes value must be less than ${LEASE_LIMIT + 1}.`, target);
  }
  store.commit({ type: "sessionUpdated", accountId: request.accountId, id, maxLeaseTimeMinutes: lease, at: request.now });
  return json(200, sessionProperties(session, request.now, timing));
};

export const stopSession: OperationHandler = (request, { store, timing }) => {
  const id = param(request, "session_id");
  const session = store.session(request.accountId, id);
  if (session === undefined) return notFound();
  // Stopping an ended session (stopped, expired or failed) changes nothing and still answers 204.
  if (!isEnded(sessionStatus(session, request.now, timing))) {
    store.commit({ type: "sessionStopped", accountId: request.accountId, id, at: request.now });
  }
  return noContent();
};

export const listSessions: OperationHandler = (request, { store, timing }) => {
  const after = skipToken(request.query);
  if (typeof after !== "number") return after;
  const alive = (s: Parameters<typeof sessionStatus>[0]) => !isEnded(sessionStatus(s, request.now, timing));
  const { page, nextSeq } = pageOf(store.sessions(request.accountId), after, alive);
  const body: Schemas["sessions_list"] = {
    sessions: page.map((s) => sessionProperties(s, request.now, timing)),
    "@nextLink": nextLink(request.origin, request.accountId, "sessions", request.query, nextSeq),
  };
  return json(200, body, NO_CACHE);
};
