// What `arr emulator` prints after its first line: each account, and the ARR_* environment that points the CLI
// (or code reading the same variables) at it. The emulator serves the STS on the same URL as the service, so
// ARR_STS_ENDPOINT replaces ARR_ACCOUNT_DOMAIN (which only serves to find the STS).

export interface AccountInfo {
  readonly accountId: string;
  readonly accountKey: string;
}

export function emulatorEnvironment(url: string, accounts: readonly AccountInfo[], developmentKey: string): string {
  const shown = (a: AccountInfo): string => (a.accountKey === developmentKey ? a.accountKey : "<the key you gave>");
  const lines = accounts.map(
    (a) => `Account ${a.accountId}  key ${shown(a)}${a.accountKey === developmentKey ? "  (the documented development key)" : ""}`,
  );
  const first = accounts[0];
  if (first) {
    lines.push(
      "Point the CLI (or your code) at it with:",
      `  export ARR_ENDPOINT=${url}`,
      `  export ARR_STS_ENDPOINT=${url}`,
      `  export ARR_ACCOUNT_ID=${first.accountId}`,
      `  export ARR_ACCOUNT_KEY=${shown(first)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
