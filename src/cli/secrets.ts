// The secret values of this invocation (keys, tokens, SAS from secret flags and ARR_ACCOUNT_KEY /
// ARR_ACCESS_TOKEN), so Output can scrub them from anything it prints. The commands already print no secret;
// this is the second line of defence against a server or a library that echoes one back.
import type { ParsedCommand } from "./args.js";
import type { CommandSpec } from "./commands.js";

/** Values this short would redact ordinary words; the client's redaction uses the same floor. */
const MIN_LENGTH = 6;

export function secretValues(parsed: ParsedCommand, spec: CommandSpec, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const values: string[] = [];
  for (const [name, option] of Object.entries(spec.options)) {
    if (!option.secret) continue;
    const value = parsed.flags.get(name);
    for (const v of Array.isArray(value) ? value : typeof value === "string" ? [value] : []) {
      // `--account <id>:<key>`: the key is the secret part.
      values.push(name === "account" ? v.slice(v.indexOf(":") + 1) : v);
    }
  }
  // A SAS pasted into a container URL (`…/models?sv=…&sig=…`): its query, and the signature alone.
  for (const name of ["input-container", "output-container"]) {
    const value = parsed.flags.get(name);
    if (typeof value !== "string") continue;
    const at = value.indexOf("?");
    if (at < 0) continue;
    const query = value.slice(at + 1).split("#")[0] ?? "";
    values.push(query);
    for (const [key, v] of new URLSearchParams(query)) if (key.toLowerCase() === "sig") values.push(v, encodeURIComponent(v));
  }
  if ("storage-connection-string" in spec.options) {
    // The storage connection string from the environment, and its account key on its own (a secret either way).
    const fromEnv = env["ARR_STORAGE_CONNECTION_STRING"];
    if (fromEnv && !parsed.flags.has("storage-connection-string")) values.push(fromEnv);
    for (const cs of [parsed.flags.get("storage-connection-string"), fromEnv]) {
      for (const one of Array.isArray(cs) ? cs : typeof cs === "string" ? [cs] : []) {
        const key = /AccountKey=([^;]+)/i.exec(one)?.[1];
        if (key) values.push(key);
      }
    }
  }
  if ("account-key" in spec.options && spec.module !== "emulator") {
    for (const name of ["ARR_ACCOUNT_KEY", "ARR_ACCESS_TOKEN"]) {
      const value = env[name];
      if (value) values.push(value);
    }
  }
  return values.filter((v) => v.length >= MIN_LENGTH);
}

/** `text` with every secret value replaced by `[REDACTED]`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[REDACTED]");
  return out;
}
