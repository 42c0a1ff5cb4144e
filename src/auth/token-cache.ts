// Caches the STS access token until shortly before it expires, and makes concurrent callers share one
// exchange (100 parallel calls → 1 STS request).
import type { Clock } from "../transport/clock.js";
import { untilAborted } from "../transport/abort.js";

/** A token with what is known of its lifetime. */
export interface CachedToken {
  token: string;
  /** Expiry in ms since the epoch; undefined when unknown (then it is used until a 401). */
  expiresAt: number | undefined;
  /** When it was obtained, in ms since the epoch. */
  obtainedAt: number;
}

const fiveMinutes = 5 * 60 * 1000;

/**
 * True when the token should be replaced: less than 5 minutes or 10 % of its lifetime remain, whichever is
 * smaller (so a 24 h token is refreshed 5 minutes before expiry, a 60 s token 6 s before).
 */
export function needsRefresh(token: CachedToken, now: number): boolean {
  if (token.expiresAt === undefined) return false;
  const lifetime = token.expiresAt - token.obtainedAt;
  return token.expiresAt - now < Math.min(fiveMinutes, lifetime * 0.1);
}

/** A single-flight cache around an exchange function. */
export class TokenCache {
  private current: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private readonly issued = new Set<string>();

  constructor(
    private readonly exchange: () => Promise<CachedToken>,
    private readonly clock: Clock,
  ) {}

  /** The cached token when it is still good, without waiting; undefined when one must be fetched. */
  fresh(): string | undefined {
    const current = this.current;
    return current && !needsRefresh(current, this.clock.now()) ? current.token : undefined;
  }

  /** The cached token, or a fresh one; the caller's signal ends its own wait, not the shared exchange. */
  async get(signal?: AbortSignal): Promise<string> {
    const fresh = this.fresh();
    if (fresh !== undefined) return fresh;
    this.pending ??= this.exchange().then(
      (token) => {
        this.current = token;
        this.issued.add(token.token);
        this.pending = undefined;
        return token;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return (await untilAborted(this.pending, signal)).token;
  }

  /** Drops `token` if it is still the cached one (a 401 said it is no good); true if a new one will be fetched. */
  invalidate(token: string): boolean {
    if (this.current?.token === token) this.current = undefined;
    return true;
  }

  /** Every token this cache has handed out, for redaction. */
  tokens(): Iterable<string> {
    return this.issued;
  }
}
