// Where to connect and how to authenticate, from flags or the environment (ARR_*), a flag winning over its
// variable. Missing or contradictory settings are usage errors (exit 2) that name the flag and its variable —
// every missing one at once, so a newcomer fixes the setup in one go; the values of --account-key /
// --access-token are never shown.
import { readFileSync } from "node:fs";
import { stringFlag, type ParsedCommand } from "./args.js";
import { connectionOptions } from "./options.js";
import { UsageError } from "./usage-error.js";

export type Credential = { readonly accountKey: string } | { readonly accessToken: string };

export interface Connection {
  readonly endpoint: string;
  readonly accountId: string;
  /** Optional here: the client needs it only to find the STS (or an Entra scope), and says so if missing. */
  readonly accountDomain?: string;
  readonly credential: Credential;
  readonly stsEndpoint?: string;
  /** --allow-http or ARR_ALLOW_HTTP=1: plain http to hosts other than loopback. */
  readonly allowInsecureHttp: boolean;
  /** PEM of a CA to trust besides Node's roots (--ca / ARR_CA_FILE), read from its file. */
  readonly ca?: string;
}

type Name = Exclude<keyof typeof connectionOptions, "allow-http">;
type Env = Readonly<Record<string, string | undefined>>;

/** A flag's value, else its environment variable's (an empty variable counts as unset). */
function lookup(parsed: ParsedCommand, env: Env, name: Name): string | undefined {
  return stringFlag(parsed, name) ?? (env[connectionOptions[name].env] || undefined);
}

const named = (name: Name): string => `--${name} (or ${connectionOptions[name].env})`;
const credentialNames = `${named("account-key")} or ${named("access-token")}`;

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1) ?? ""}`;
}

/** ARR_ALLOW_HTTP counts as set for 1, true or yes. */
export function allowHttp(parsed: ParsedCommand, env: Env = process.env): boolean {
  return parsed.flags.get("allow-http") === true || /^(1|true|yes)$/i.test(env["ARR_ALLOW_HTTP"] ?? "");
}

export function resolveConnection(parsed: ParsedCommand, command: string, env: Env = process.env): Connection {
  const endpoint = lookup(parsed, env, "endpoint");
  const accountId = lookup(parsed, env, "account-id");
  const credential = resolveCredential(parsed, env, command);
  const missing: { flag: string; text: string }[] = [];
  if (endpoint === undefined) missing.push({ flag: "--endpoint", text: named("endpoint") });
  if (accountId === undefined) missing.push({ flag: "--account-id", text: named("account-id") });
  if (credential === undefined) missing.push({ flag: "--account-key", text: credentialNames });
  const first = missing[0];
  if (first !== undefined || endpoint === undefined || accountId === undefined || credential === undefined) {
    const texts = missing.map((m) => m.text);
    throw new UsageError(`${listed(texts)} ${texts.length > 1 ? "are" : "is"} required`, { flag: first?.flag ?? "--endpoint", rule: "required", command });
  }
  const domain = lookup(parsed, env, "account-domain");
  const sts = lookup(parsed, env, "sts-endpoint");
  const ca = readCa(parsed, env, command);
  return {
    endpoint,
    accountId,
    ...(domain === undefined ? {} : { accountDomain: domain }),
    credential,
    ...(sts === undefined ? {} : { stsEndpoint: sts }),
    allowInsecureHttp: allowHttp(parsed, env),
    ...(ca === undefined ? {} : { ca }),
  };
}

/** The PEM text of --ca / ARR_CA_FILE; a file that cannot be read is a usage error naming where it came from. */
function readCa(parsed: ParsedCommand, env: Env, command: string): string | undefined {
  const path = lookup(parsed, env, "ca");
  if (path === undefined) return undefined;
  const source = stringFlag(parsed, "ca") === undefined ? "ARR_CA_FILE" : "--ca";
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${source}: cannot read the CA file ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      flag: "--ca",
      rule: "file",
      command,
    });
  }
}

/**
 * An account key or an access token, not both (undefined when neither is given). A credential given by flag
 * replaces any in the environment (flags win as a whole, so `--access-token` works in a shell that exports
 * ARR_ACCOUNT_KEY).
 */
function resolveCredential(parsed: ParsedCommand, env: Env, command: string): Credential | undefined {
  const key = stringFlag(parsed, "account-key");
  const token = stringFlag(parsed, "access-token");
  const both = (a: string, b: string, flag: string): UsageError =>
    new UsageError(`give either ${a} or ${b}, not both`, { flag, rule: "oneOf", command });
  if (key !== undefined && token !== undefined) throw both("--account-key", "--access-token", "--account-key");
  if (key !== undefined) return { accountKey: key };
  if (token !== undefined) return { accessToken: token };
  const envKey = env["ARR_ACCOUNT_KEY"];
  const envToken = env["ARR_ACCESS_TOKEN"];
  if (envKey && envToken) throw both("ARR_ACCOUNT_KEY", "ARR_ACCESS_TOKEN", "--account-key");
  if (envKey) return { accountKey: envKey };
  if (envToken) return { accessToken: envToken };
  return undefined;
}
