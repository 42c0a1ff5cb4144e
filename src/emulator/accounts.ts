// The accounts an emulator serves, and the documented development account it serves when given none
// (as local emulators of cloud services conventionally ship: a well-known id and key that are not secrets).
import { createHash, timingSafeEqual } from "node:crypto";

/** The documented development account id (the account id of the reference's examples). */
export const DEVELOPMENT_ACCOUNT_ID = "30ea64bd-100f-4bf0-adc9-29fa45d4880c";
/** The documented development account key: public knowledge, never a secret, printed at start. */
export const DEVELOPMENT_ACCOUNT_KEY = "ZW11bGF0b3ItZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldA==";

/** An account the emulator serves: its id (a UUID) and the key that exchanges for tokens at its STS. */
export interface EmulatorAccount {
  readonly accountId: string;
  readonly accountKey: string;
}

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/** Looks accounts up by id (case-insensitively, as UUIDs are) and checks keys in constant time. */
export class AccountRegistry {
  readonly #keyDigests = new Map<string, Buffer>();

  constructor(accounts: readonly EmulatorAccount[]) {
    for (const account of accounts) this.#keyDigests.set(account.accountId.toLowerCase(), digest(account.accountKey));
  }

  has(accountId: string): boolean {
    return this.#keyDigests.has(accountId.toLowerCase());
  }

  /** True when `accountKey` is the key of `accountId`; compares digests so timing says nothing about the key. */
  verifyKey(accountId: string, accountKey: string): boolean {
    const expected = this.#keyDigests.get(accountId.toLowerCase());
    return expected !== undefined && timingSafeEqual(expected, digest(accountKey));
  }
}
