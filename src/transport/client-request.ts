// The Request class the client's openapi-fetch builds its requests with. It notes whether the request can be
// aborted from outside: a Request's own signal aborts only by following the signal it was given, so a request
// made without one never aborts, and the transport need not listen to it (an abort listener added and removed
// per attempt is a measurable part of the client's per-call cost).

import { linkToGlobal, placeholderFor } from "./late-base.js";

export class ClientRequest extends placeholderFor("Request") {
  readonly #followsSignal: boolean;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    linkToGlobal(ClientRequest, "Request");
    super(input, init);
    this.#followsSignal = init?.signal != null || input instanceof Request;
  }

  /** False only for a request whose signal cannot abort; true for any request not built by this class. */
  static mayAbort(request: Request): boolean {
    return #followsSignal in request ? request.#followsSignal : true;
  }
}

/** A signal that never aborts: the signal of a LeanRequest made without one. */
export const neverAborts: AbortSignal = new AbortController().signal;
