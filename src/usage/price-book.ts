import type { PriceOverrideVersion, PricesRepository } from '../db/repositories/prices-repository.js';
import { timeOrderedId } from '../util/time-ordered-id.js';
import { costAt, type TokenCounts } from './compute-cost.js';
import { createPriceLookup, type ModelPrice, type PriceLookup, shippedPrices } from './price-table.js';

export type PriceSource = 'shipped' | 'config' | 'override';

export interface EffectivePrice extends ModelPrice {
  source: PriceSource;
  /** When an override took effect; null for shipped and configured prices. */
  effectiveFrom: number | null;
}

interface Version {
  effectiveFrom: number;
  price: ModelPrice | null;
}

/**
 * The prices a usage record is charged at: shipped tables, then `prices:` from config, then admin
 * overrides, each replacing the one before per model family. Overrides are versioned: a record is
 * priced at the version in effect at its `createdAt`, and its cost is stored with it, so a price change
 * never rewrites history. Everything is in memory (the request path reads no database); `reload` reads
 * the overrides again (at start, after a change, and periodically for other instances of a cluster).
 */
export function createPriceBook(options: {
  configured: readonly ModelPrice[];
  repository: Pick<PricesRepository, 'listVersions' | 'insertVersion'>;
  now: () => number;
}) {
  const base = new Map<string, EffectivePrice>();
  for (const price of shippedPrices)
    base.set(price.model, { ...price, source: 'shipped', effectiveFrom: null });
  for (const price of options.configured)
    base.set(price.model, { ...price, source: 'config', effectiveFrom: null });
  const baseLookup = createPriceLookup([...base.values()]);
  let history: PriceOverrideVersion[] = [];
  let versions = new Map<string, Version[]>();
  let familyOf: PriceLookup = baseLookup;

  function rebuild(loaded: PriceOverrideVersion[]): void {
    history = loaded;
    versions = new Map();
    for (const version of loaded) {
      const list = versions.get(version.model) ?? [];
      list.push({ effectiveFrom: version.effectiveFrom, price: version.price });
      versions.set(version.model, list);
    }
    const names = new Set([...base.keys(), ...versions.keys()]);
    familyOf = createPriceLookup([...names].map((model) => ({ model }) as ModelPrice));
  }

  /** The price of one model family at a moment; undefined when it has none then. */
  function familyPriceAt(family: string, at: number): EffectivePrice | undefined {
    const list = versions.get(family);
    let current: Version | undefined;
    for (const version of list ?? []) if (version.effectiveFrom <= at) current = version;
    if (current?.price) return { ...current.price, source: 'override', effectiveFrom: current.effectiveFrom };
    return base.get(family);
  }

  function priceAt(model: string, at: number): EffectivePrice | undefined {
    const family = familyOf(model)?.model;
    const found = family === undefined ? undefined : familyPriceAt(family, at);
    // A removed override of a model no table knows falls back to the longest shipped or configured prefix.
    return found ?? (family === undefined ? undefined : base.get(baseLookup(model)?.model ?? ''));
  }

  return {
    priceAt,
    /** USD for a record: the first candidate model with a price (the model that answered, then the asked). */
    costOf(models: readonly (string | null | undefined)[], tokens: TokenCounts, at: number): number {
      for (const model of models) {
        if (!model) continue;
        const price = priceAt(model, at);
        if (price) return costAt(price, tokens);
      }
      return 0;
    },
    /** Every family's price in effect now, sorted by model. */
    list(): EffectivePrice[] {
      const now = options.now();
      const names = [...new Set([...base.keys(), ...versions.keys()])].sort();
      return names.flatMap((name) => {
        const price = familyPriceAt(name, now);
        return price ? [price] : [];
      });
    },
    history(): PriceOverrideVersion[] {
      return history;
    },
    /** The shipped or configured price a new override starts from (for filling omitted rates). */
    basePrice(model: string): ModelPrice | undefined {
      return base.get(model) ?? base.get(baseLookup(model)?.model ?? '');
    },
    async setOverride(price: ModelPrice, effectiveFrom: number): Promise<void> {
      await record(price.model, price, effectiveFrom);
    },
    async removeOverride(model: string, effectiveFrom: number): Promise<void> {
      await record(model, null, effectiveFrom);
    },
    async reload(): Promise<void> {
      rebuild(await options.repository.listVersions());
    },
  };

  async function record(model: string, price: ModelPrice | null, effectiveFrom: number): Promise<void> {
    const createdAt = options.now();
    await options.repository.insertVersion({
      id: timeOrderedId(createdAt),
      model,
      price,
      effectiveFrom,
      createdAt,
    });
    rebuild(await options.repository.listVersions());
  }
}

export type PriceBook = ReturnType<typeof createPriceBook>;
