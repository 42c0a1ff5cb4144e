// Scrubs secrets out of text that ends up in an error (messages from a server, values a caller passed).
// Known secret values are replaced wherever they occur; JWTs, bearer credentials and SAS signatures are
// recognised by shape, so a secret the client never saw (a server echoing a token) is still caught.

/** What a removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

const shapes: readonly [RegExp, string][] = [
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, REDACTED], // JWT (STS and Entra tokens)
  [/\b(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/([?&](?:sig|se|sv|sp|sr|st|spr|skoid|sktid|skt|ske|sks|skv)=)[^&\s"'#]*/gi, `$1${REDACTED}`], // SAS parameters
];

/**
 * Returns `text` with every known secret value and every token-shaped substring replaced by `[REDACTED]`.
 * Values shorter than 6 characters are not treated as secrets (they would redact ordinary words).
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  for (const [shape, replacement] of shapes) out = out.replace(shape, replacement);
  return out;
}

/** A copy of a parsed JSON value with {@link redact} applied to every string in it. */
export function redactDeep(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)]));
  return value;
}
