// Where and how results go: human text (aligned tables, key/value blocks) or JSON on stdout, errors on stderr.
// No client import here, so usage errors are reported without loading the client. Everything written is scrubbed
// of this invocation's secret values, but for the one result that is a secret by request (`arr token`).
import { scrub } from "./secrets.js";

/** Where Output writes: process.stdout/stderr, or anything with a write (tests). */
export interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export class Output {
  constructor(
    readonly json: boolean,
    readonly streams: Streams = process,
    private readonly secrets: readonly string[] = [],
  ) {}

  /**
   * A command's result: JSON (two-space indented, a list as an array) or its human rendering. `isSecret` only
   * for `arr token`, whose output is the token the user asked for.
   */
  result(value: unknown, human: () => string, isSecret = false): void {
    const text = this.json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(human());
    this.streams.stdout.write(isSecret ? text : scrub(text, this.secrets));
  }

  /** An error: `{"error": {...}}` with --json, else `arr: <summary>` and indented details. */
  error(error: ErrorReport): void {
    const text = this.json
      ? `${JSON.stringify({ error: error.json })}\n`
      : ensureNewline([`arr: ${error.summary}`, ...error.details.map((d) => `  ${d}`)].join("\n"));
    this.streams.stderr.write(scrub(text, this.secrets));
  }
}

/** An error ready for both output modes. */
export interface ErrorReport {
  readonly summary: string;
  readonly details: readonly string[];
  readonly json: Readonly<Record<string, unknown>>;
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Renders rows under headers with columns padded to their widest cell. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** Renders `label  value` pairs with the values aligned; pairs whose value is undefined are left out. */
export function details(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  const shown = pairs.filter((p): p is readonly [string, string | number] => p[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length + 1));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join("\n");
}
