// The access tokens the emulator's STS issues and its ARR endpoints accept: HS256 JWTs signed with a
// secret of this emulator, carrying the account id and an `exp` read from the emulator's clock.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "./clock.js";

export type TokenCheck =
  | { readonly valid: true; readonly accountId: string }
  | { readonly valid: false; readonly reason: "malformed" | "signature" | "expired" };

// The only header we issue; anything else (alg "none", other algorithms) is refused before any crypto.
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
// Verified tokens, so the hot path of an authenticated request is one Map lookup; cleared when it grows.
const CACHE_LIMIT = 10_000;

export class TokenService {
  readonly #secret: Buffer;
  readonly #clock: Clock;
  readonly #lifetimeMs: number;
  readonly #verified = new Map<string, { accountId: string; expiresAtMs: number }>();

  constructor(secret: Buffer, clock: Clock, lifetimeMs: number) {
    this.#secret = secret;
    this.#clock = clock;
    this.#lifetimeMs = lifetimeMs;
  }

  /** Issues a new token for `accountId`; every call gives a different token (`jti`). */
  issue(accountId: string): string {
    const nowMs = this.#clock.now();
    const payload = {
      iss: "remote-rendering-emulator",
      accountId,
      // Whole seconds, as the service's tokens have them: the lifetime ends at the second it falls in.
      iat: Math.floor(nowMs / 1000),
      exp: Math.floor((nowMs + this.#lifetimeMs) / 1000),
      jti: randomBytes(9).toString("base64url"),
    };
    const signed = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
    return `${signed}.${this.#sign(signed)}`;
  }

  verify(token: string): TokenCheck {
    const nowMs = this.#clock.now();
    const cached = this.#verified.get(token);
    if (cached !== undefined) {
      return nowMs < cached.expiresAtMs ? { valid: true, accountId: cached.accountId } : { valid: false, reason: "expired" };
    }
    const first = token.indexOf(".");
    const second = token.indexOf(".", first + 1);
    if (first < 0 || second < 0 || token.indexOf(".", second + 1) >= 0 || token.slice(0, first) !== HEADER) {
      return { valid: false, reason: "malformed" };
    }
    // Compare the signature as text: base64url decoding is lenient and would accept altered encodings.
    const expected = Buffer.from(this.#sign(token.slice(0, second)));
    const given = Buffer.from(token.slice(second + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "signature" };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(token.slice(first + 1, second), "base64url").toString("utf8"));
    } catch {
      return { valid: false, reason: "malformed" };
    }
    if (typeof claims !== "object" || claims === null) return { valid: false, reason: "malformed" };
    const { accountId, exp } = claims as { accountId?: unknown; exp?: unknown };
    if (typeof accountId !== "string" || typeof exp !== "number") return { valid: false, reason: "malformed" };
    const expiresAtMs = exp * 1000;
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(token, { accountId, expiresAtMs });
    return nowMs < expiresAtMs ? { valid: true, accountId } : { valid: false, reason: "expired" };
  }

  #sign(text: string): string {
    return createHmac("sha256", this.#secret).update(text).digest("base64url");
  }
}
