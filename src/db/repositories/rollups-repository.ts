import { type Kysely, sql } from 'kysely';
import type { Database, UsageRollupsTable } from '../schema.js';

export type RollupRow = UsageRollupsTable;
export type Granularity = RollupRow['granularity'];
export type RollupDimensions = Pick<
  RollupRow,
  'key_id' | 'user_id' | 'model' | 'account_id' | 'client_family' | 'surface'
>;
export type RollupMeasures = Omit<RollupRow, 'granularity' | 'bucket_start' | keyof RollupDimensions>;

/** Every 15-minute UTC slot lies inside one local hour of every zone (offsets are multiples of 15 min). */
export const slotMs = 15 * 60_000;

export interface SlotRow extends RollupDimensions, RollupMeasures {
  slot: number;
}

// 18 columns a row: 500 rows stay far under both dialects' parameter limits.
const rowsPerInsert = 500;

const measureColumns = [
  'requests',
  'errors',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost',
  'duration_ms_sum',
  'ttfb_ms_sum',
  'ttfb_count',
] as const satisfies readonly (keyof RollupMeasures)[];

export function createRollupsRepository(db: Kysely<Database>) {
  return {
    /** Raw records in [from, to) summed per 15-minute slot and combination of dimensions. */
    async sumRecordsBySlot(from: number, to: number): Promise<SlotRow[]> {
      const slot = sql<number>`created_at / ${sql.lit(slotMs)}`;
      const orEmpty = (column: string) => sql<string>`coalesce(${sql.ref(column)}, '')`;
      const rows = await db
        .selectFrom('usage_records')
        .select([
          slot.as('slot'),
          orEmpty('key_id').as('key_id'),
          orEmpty('user_id').as('user_id'),
          'model',
          orEmpty('account_id').as('account_id'),
          'client_family',
          'surface',
          sql<number>`count(*)`.as('requests'),
          sql<number>`sum(case when status >= 400 then 1 else 0 end)`.as('errors'),
          sql<number>`sum(input_tokens)`.as('input_tokens'),
          sql<number>`sum(output_tokens)`.as('output_tokens'),
          sql<number>`sum(cache_read_tokens)`.as('cache_read_tokens'),
          sql<number>`sum(cache_write_tokens)`.as('cache_write_tokens'),
          sql<number>`sum(cost)`.as('cost'),
          sql<number>`sum(duration_ms)`.as('duration_ms_sum'),
          sql<number>`coalesce(sum(ttfb_ms), 0)`.as('ttfb_ms_sum'),
          sql<number>`count(ttfb_ms)`.as('ttfb_count'),
        ])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy([slot, 'key_id', 'user_id', 'model', 'account_id', 'client_family', 'surface'])
        .execute();
      return rows.map((row) => {
        const numeric = { ...row } as unknown as Record<string, unknown>;
        for (const column of ['slot', ...measureColumns]) numeric[column] = Number(numeric[column]);
        return numeric as unknown as SlotRow;
      });
    },

    async listRollups(granularity: Granularity, from: number, to: number): Promise<RollupRow[]> {
      const rows = await db
        .selectFrom('usage_rollups')
        .selectAll()
        .where('granularity', '=', granularity)
        .where('bucket_start', '>=', from)
        .where('bucket_start', '<', to)
        .execute();
      return rows.map((row) => {
        const numeric = { ...row } as Record<string, unknown>;
        for (const column of ['bucket_start', ...measureColumns]) numeric[column] = Number(numeric[column]);
        return numeric as unknown as RollupRow;
      });
    },

    /** Replaces every bucket of one granularity in [from, to) with these rows, in one transaction. */
    async replaceRollups(granularity: Granularity, from: number, to: number, rows: readonly RollupRow[]) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('usage_rollups')
          .where('granularity', '=', granularity)
          .where('bucket_start', '>=', from)
          .where('bucket_start', '<', to)
          .execute();
        for (let start = 0; start < rows.length; start += rowsPerInsert) {
          await trx
            .insertInto('usage_rollups')
            .values(rows.slice(start, start + rowsPerInsert))
            .execute();
        }
      });
    },

    async earliestRecordAt(): Promise<number | undefined> {
      const row = await db
        .selectFrom('usage_records')
        .select(sql<number | null>`min(created_at)`.as('first'))
        .executeTakeFirst();
      return row?.first === null || row?.first === undefined ? undefined : Number(row.first);
    },

    async readState(name: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('usage_rollup_state')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      return row?.value;
    },

    async writeState(name: string, value: string): Promise<void> {
      await db
        .insertInto('usage_rollup_state')
        .values({ name, value })
        .onConflict((conflict) => conflict.column('name').doUpdateSet({ value }))
        .execute();
    },

    async deleteRecordsBefore(cutoff: number): Promise<number> {
      const result = await db.deleteFrom('usage_records').where('created_at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RollupsRepository = ReturnType<typeof createRollupsRepository>;
