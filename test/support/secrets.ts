// Scans captured text (error texts, log lines, CLI output, files) for secret values: known values (account
// keys, tokens, SAS and their signatures) and anything shaped like a JWT. Collects every hit with its context,
// so a test can assert that nothing leaked and show where something did.
import { inspect } from "node:util";

export interface Leak {
  /** Where the text came from, e.g. `arr sessions get --json: stderr`. */
  readonly where: string;
  /** The label of the secret found (never its value). */
  readonly secret: string;
  /** The surrounding text, with the secret itself masked. */
  readonly context: string;
}

const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/g;

export class SecretScanner {
  readonly #secrets = new Map<string, string>();
  readonly leaks: Leak[] = [];
  /** How many texts were scanned, and their total length: proof that the scan saw something. */
  scanned = 0;
  scannedChars = 0;

  /** Registers a secret value (values shorter than 8 characters are refused: they would match by chance). */
  add(label: string, value: string): this {
    if (value.length < 8) throw new Error(`secret ${label} is too short to scan for`);
    if (!this.#secrets.has(value)) this.#secrets.set(value, label);
    return this;
  }

  /** How many secret values are registered. */
  get size(): number {
    return this.#secrets.size;
  }

  /** The labels registered. */
  get labels(): string[] {
    return [...new Set(this.#secrets.values())];
  }

  /** Scans a text; `jwt: false` skips the JWT-shape rule (for texts that may hold the development account's tokens). */
  scan(where: string, text: string, options: { jwt?: boolean } = {}): void {
    this.scanned++;
    this.scannedChars += text.length;
    for (const [value, label] of this.#secrets) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        const context = `${text.slice(Math.max(0, at - 60), at)}<${label}>${text.slice(at + value.length, at + value.length + 60)}`;
        this.leaks.push({ where, secret: label, context });
      }
    }
    if (options.jwt !== false) {
      for (const match of text.matchAll(JWT)) {
        const at = match.index;
        this.leaks.push({ where, secret: "a JWT", context: `${text.slice(Math.max(0, at - 60), at)}<JWT>${text.slice(at + match[0].length, at + match[0].length + 60)}` });
      }
    }
  }

  /** Scans every way an error can be shown: message, stack, String, JSON.stringify, util.inspect (with causes). */
  scanError(where: string, error: unknown): void {
    for (const [how, text] of Object.entries(errorTexts(error))) this.scan(`${where} (${how})`, text);
  }

  /** A readable list of the leaks, for an assertion message. */
  report(): string {
    return this.leaks.map((l) => `- ${l.secret} in ${l.where}: …${l.context.replace(/\s+/g, " ")}…`).join("\n");
  }
}

/** The texts an error shows in logs and reports. */
export function errorTexts(error: unknown): Record<string, string> {
  const e = error as { message?: unknown; stack?: unknown } | null;
  const texts: Record<string, string> = {
    string: String(error),
    inspect: inspect(error, { depth: Infinity, showHidden: false }),
    inspectHidden: inspect(error, { depth: 6, showHidden: true }),
  };
  if (typeof e?.message === "string") texts["message"] = e.message;
  if (typeof e?.stack === "string") texts["stack"] = e.stack;
  try {
    texts["json"] = JSON.stringify(error) ?? "";
  } catch (jsonError) {
    texts["json"] = `JSON.stringify threw: ${String(jsonError)}`;
  }
  // Causes are shown by inspect already; their own message and stack are also what a logger prints.
  let cause = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; cause !== undefined && cause !== null && depth < 4; depth++) {
    const c = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    texts[`cause${depth}`] = `${String(c.message ?? cause)}\n${String(c.stack ?? "")}`;
    cause = c.cause;
  }
  return texts;
}
