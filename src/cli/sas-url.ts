// `--input-container` / `--output-container` given as a "Blob SAS URL" (container URL + `?sv=…&sig=…`, what the
// Azure portal hands out): the CLI splits it into the container URL and the SAS, as if `--input-sas` /
// `--output-sas` had been given, and says so on stderr — never showing the SAS. Sending it inside the URL would
// put a secret in a field the service stores and echoes.
import { stringFlag, type ParsedCommand } from "./args.js";
import { UsageError } from "./usage-error.js";

export interface SplitContainer {
  readonly container: string | undefined;
  readonly sas: string | undefined;
  /** True when the SAS came out of the container URL. */
  readonly split: boolean;
}

/** The query (without `?`) of a container URL, and the URL without query and fragment. */
export function splitSasUrl(value: string): { container: string; query: string | undefined } {
  const at = value.search(/[?#]/);
  if (at < 0) return { container: value, query: undefined };
  const query = value[at] === "?" ? value.slice(at + 1).split("#")[0] : undefined;
  return { container: value.slice(0, at), query: query === "" ? undefined : query };
}

/** The container and SAS of one side (`input` or `output`), from `--<side>-container` and `--<side>-sas`. */
export function containerAndSas(parsed: ParsedCommand, side: "input" | "output", command: string): SplitContainer {
  const given = stringFlag(parsed, `${side}-container`);
  const sasFlag = stringFlag(parsed, `${side}-sas`);
  if (given === undefined) return { container: undefined, sas: sasFlag, split: false };
  const { container, query } = splitSasUrl(given);
  if (query === undefined) return { container, sas: sasFlag, split: false };
  if (sasFlag !== undefined && sasFlag.replace(/^\?/, "") !== query) {
    throw new UsageError(`--${side}-container carries a SAS token and --${side}-sas gives another one; give one of them`, {
      flag: `--${side}-sas`,
      rule: "oneOf",
      command,
    });
  }
  return { container, sas: query, split: true };
}

/** The stderr note for a split URL: names the flags, never the SAS. */
export function splitNote(side: "input" | "output"): string {
  return `arr: note: --${side}-container carried a query string (a SAS token); it is sent as --${side}-sas, not as part of the URL\n`;
}
