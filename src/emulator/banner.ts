// The lines `arr emulator` prints at start: where it listens, the account(s), and how to point a client
// at it. Only the documented development key is ever printed; other keys are secrets.
import { DEVELOPMENT_ACCOUNT_KEY, type EmulatorAccount } from "./accounts.js";

/**
 * The lines `arr emulator` prints at start: first `Emulator listening on <url>`, then the accounts (only the
 * development key is ever shown) and how to point the CLI or a client at the emulator.
 */
export function formatBanner(emulator: { readonly url: string; readonly accounts: readonly EmulatorAccount[] }): string[] {
  const lines = [`Emulator listening on ${emulator.url}`];
  for (const { accountId, accountKey } of emulator.accounts) {
    const key = accountKey === DEVELOPMENT_ACCOUNT_KEY ? `${accountKey} (the documented development key)` : "(the key you gave)";
    lines.push(`Account ${accountId}  key ${key}`);
  }
  const first = emulator.accounts[0];
  const key = first?.accountKey === DEVELOPMENT_ACCOUNT_KEY ? first.accountKey : "<your key>";
  lines.push(
    "Point the CLI at it:",
    `  export ARR_ENDPOINT=${emulator.url} ARR_STS_ENDPOINT=${emulator.url} ARR_ACCOUNT_ID=${first?.accountId ?? "<id>"} ARR_ACCOUNT_KEY=${key}`,
    `Or your code: createRemoteRenderingClient({ endpoint: "${emulator.url}", stsEndpoint: "${emulator.url}", accountId, credential: { accountKey } })`,
  );
  return lines;
}
