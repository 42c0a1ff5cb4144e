// The lines `arr emulator` prints at start: where it listens, the account(s), and the ARR_* environment that
// points the CLI (or code reading the same variables) at it. The emulator serves the STS on the same URL as the
// service, so ARR_STS_ENDPOINT replaces ARR_ACCOUNT_DOMAIN. Only the documented development key is ever
// printed; other keys are secrets.
import { DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";
import { formatTlsBanner } from "./tls/banner.js";
import type { EmulatorTls } from "./tls/index.js";

/**
 * The lines `arr emulator` prints at start: first `Emulator listening on <url>` (scripts wait for it), then, with
 * several regions, a line `Region <name> on <url>` per region, then the accounts (only the development key is
 * ever shown) and the `export ARR_…` lines that point the CLI at it.
 */
export function formatBanner(emulator: {
  readonly url: string;
  readonly otherUrls?: readonly string[] | undefined;
  readonly accounts: readonly EmulatorAccount[];
  readonly regions?: readonly { readonly name: string; readonly url: string }[];
  readonly tls?: EmulatorTls | undefined;
}): string[] {
  const isDevelopment = (a: EmulatorAccount): boolean => a.accountKey === DEVELOPMENT_ACCOUNT_KEY;
  const shown = (a: EmulatorAccount): string => (isDevelopment(a) ? a.accountKey : "<the key you gave>");
  const lines = [`Emulator listening on ${emulator.url}`];
  // With several regions, a line per region, so a script can find each regional endpoint (the first is the URL
  // above); one region prints as before.
  const regions = emulator.regions ?? [];
  if (regions.length > 1) for (const region of regions) lines.push(`Region ${region.name} on ${region.url}`);
  const others = emulator.otherUrls ?? [];
  if (others.length > 0) {
    // The first line keeps one URL (scripts parse it); the others follow, with what a remote client needs.
    const main = new URL(emulator.url);
    lines.push(
      emulator.tls === undefined
        ? "Also reachable from other containers or machines (plain http: give the client --allow-http or ARR_ALLOW_HTTP=1):"
        : "Also reachable from other containers or machines (https: the certificate must name the host the client uses):",
      ...others.map((u) => `  ${u}`),
      `  (from a container of the same docker-compose project, also ${main.protocol}//<this service's name>:${main.port})`,
    );
  }
  if (emulator.tls !== undefined) lines.push(...formatTlsBanner(emulator.url, emulator.tls));
  for (const account of emulator.accounts) {
    lines.push(`Account ${account.accountId}  key ${shown(account)}${isDevelopment(account) ? "  (the documented development key)" : ""}`);
  }
  const first = emulator.accounts[0];
  if (first) {
    lines.push(
      "Point the CLI (or your code) at it with:",
      `  export ARR_ENDPOINT=${emulator.url}`,
      `  export ARR_STS_ENDPOINT=${emulator.url}`,
      `  export ARR_ACCOUNT_ID=${first.accountId}`,
      `  export ARR_ACCOUNT_KEY=${shown(first)}`,
    );
    if (emulator.tls?.caFile !== undefined) lines.push(`  export ARR_CA_FILE=${emulator.tls.caFile}`);
  }
  return lines;
}
