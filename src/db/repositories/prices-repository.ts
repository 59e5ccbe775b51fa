import type { Kysely } from 'kysely';
import type { ModelPrice } from '../../usage/price-table.js';
import { fromJsonColumn, toJsonColumn, toNumber } from '../json-column.js';
import type { Database } from '../schema.js';

/** One version of a model's admin override; `price` null means the override was removed then. */
export interface PriceOverrideVersion {
  id: string;
  model: string;
  price: ModelPrice | null;
  effectiveFrom: number;
  createdAt: number;
}

export function createPricesRepository(db: Kysely<Database>) {
  return {
    /** Every version, oldest first (a few rows per model: read whole at start and on change). */
    async listVersions(): Promise<PriceOverrideVersion[]> {
      const rows = await db
        .selectFrom('price_overrides')
        .selectAll()
        .orderBy('effective_from', 'asc')
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        model: row.model,
        price: row.prices === null ? null : fromJsonColumn<ModelPrice | null>(row.prices, null),
        effectiveFrom: toNumber(row.effective_from),
        createdAt: toNumber(row.created_at),
      }));
    },
    async insertVersion(version: PriceOverrideVersion): Promise<void> {
      await db
        .insertInto('price_overrides')
        .values({
          id: version.id,
          model: version.model,
          prices: version.price === null ? null : toJsonColumn(version.price),
          effective_from: version.effectiveFrom,
          created_at: version.createdAt,
        })
        .execute();
    },
  };
}

export type PricesRepository = ReturnType<typeof createPricesRepository>;
