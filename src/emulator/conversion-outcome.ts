// Settles conversions whose time is up, when they are read: asks the ConversionStorage how each ended. A
// simulated outcome follows from the settings, so it is only kept in memory; a real one (storage was read and
// written) is committed as an event, so a restart neither redoes nor forgets the work. Concurrent reads of one
// conversion share one piece of work. SAS tokens given at create live here, in memory only.
import type { ConversionStorage } from "./storage/conversion-storage.js";
import type { ConversionRecord, Store } from "./store.js";

interface Secrets {
  readonly inputSas: string | undefined;
  readonly outputSas: string | undefined;
}

export class ConversionOutcomes {
  readonly #secrets = new Map<string, Secrets>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    readonly storage: ConversionStorage,
    private readonly store: Store,
    private readonly conversionMs: number,
    private readonly now: () => number,
  ) {}

  /** Keeps the SAS of a newly created conversion for the work at its end. */
  remember(accountId: string, id: string, inputSas: string | undefined, outputSas: string | undefined): void {
    if (!this.storage.real || (inputSas === undefined && outputSas === undefined)) return;
    this.#secrets.set(`${accountId}\n${id}`, { inputSas, outputSas });
  }

  /** Settles every given conversion that is due; a promise only when real storage work is under way. */
  settle(accountId: string, conversions: Iterable<ConversionRecord>, now: number): Promise<void> | undefined {
    let work: Promise<void>[] | undefined;
    for (const conversion of conversions) {
      if (conversion.outcome !== undefined || now - conversion.createdAt < this.conversionMs) continue;
      const pending = this.#settleOne(accountId, conversion);
      if (pending !== undefined) (work ??= []).push(pending);
    }
    return work === undefined ? undefined : Promise.all(work).then(() => undefined);
  }

  #settleOne(accountId: string, conversion: ConversionRecord): Promise<void> | undefined {
    const key = `${accountId}\n${conversion.id}`;
    const running = this.#pending.get(key);
    if (running !== undefined) return running;
    const secrets = this.#secrets.get(key);
    const outcome = this.storage.finish({
      accountId,
      id: conversion.id,
      settings: conversion.settings,
      inputSas: secrets?.inputSas,
      outputSas: secrets?.outputSas,
    });
    if (!(outcome instanceof Promise)) {
      conversion.outcome = outcome;
      return undefined;
    }
    const work = outcome.then(
      (result) => {
        this.store.commit({ type: "conversionFinished", accountId, id: conversion.id, outcome: result, at: this.now() });
        this.#secrets.delete(key);
      },
    ).finally(() => this.#pending.delete(key));
    this.#pending.set(key, work);
    return work;
  }
}
