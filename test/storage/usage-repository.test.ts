import { describe, expect, it } from 'vitest';
import { createUsageRepository } from '../../src/db/repositories/usage-repository.js';
import type { UsageRecord } from '../../src/domain/usage-record.js';
import { backends, useTestStore } from './storage-backends.js';

const base = 1_767_225_600_000;

function record(n: number, overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id: `rec-${String(n).padStart(6, '0')}`,
    createdAt: base + n,
    keyId: `key-${n % 3}`,
    userId: n % 2 === 0 ? null : 'user-1',
    accountId: n % 4 === 0 ? null : `acc-${n % 2}`,
    surface: 'anthropic',
    upstreamFormat: n % 4 === 0 ? null : 'anthropic',
    model: n % 5 === 0 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
    upstreamModel: n % 4 === 0 ? null : 'claude-sonnet-4-5-20250929',
    inputTokens: n * 7,
    outputTokens: n * 11,
    cacheReadTokens: n % 2 === 0 ? 0 : 4_096,
    cacheWriteTokens: 2 ** 40 + n,
    cacheWrite1hTokens: n,
    // Values with no short binary form, so a round trip through float4 or numeric text would show.
    cost: n / 3 + 0.1 + 0.2,
    charged: n % 3 !== 0,
    status: n % 4 === 0 ? 529 : 200,
    errorClass: n % 4 === 0 ? 'overloaded' : null,
    stream: n % 2 === 1,
    partial: n % 7 === 0,
    estimated: n % 9 === 0,
    ttfbMs: n % 4 === 0 ? null : 120 + n,
    durationMs: 900 + n,
    clientFamily: 'claude-code',
    upstreamRequestId: n % 4 === 0 ? null : `req_${n}`,
    ...overrides,
  };
}

function records(count: number, from = 1): UsageRecord[] {
  return Array.from({ length: count }, (_, index) => record(from + index));
}

const newestFirst = (list: UsageRecord[]) => [...list].sort((a, b) => b.createdAt - a.createdAt);

describe.each(backends)('usage repository on $name', (backend) => {
  const statements: string[] = [];
  const store = useTestStore(backend, (sql) => statements.push(sql));
  const repository = () => createUsageRepository(store().storage.db, store().storage.usageBulkInsert);
  const count = async () => {
    const row = await store()
      .storage.db.selectFrom('usage_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  };

  it('round-trips flags, nulls, large token counts and float costs exactly', async () => {
    const written = records(40);
    await repository().insertBatch(written);
    expect(await repository().list({ limit: 100 })).toEqual(newestFirst(written));
  });

  it('writes 5,000 records in one batch, 1,000 rows a statement on the portable path', async () => {
    const written = records(5000);
    statements.length = 0;
    await repository().insertBatch(written);
    const inserts = statements.filter((sql) => sql.startsWith('insert into "usage_records"'));
    // SQLite's fast path logs its one prepared statement once per batch.
    expect(inserts).toHaveLength(store().storage.usageBulkInsert ? 1 : 5);
    expect(await count()).toBe(5000);
    expect(await repository().list({ limit: 5000 })).toEqual(newestFirst(written));
  });

  it('writes through the portable Kysely insert on every dialect', async () => {
    const written = records(2500);
    await createUsageRepository(store().storage.db).insertBatch(written);
    expect(await repository().list({ limit: 2500 })).toEqual(newestFirst(written));
  });

  it('writes all of a batch or none of it', async () => {
    await repository().insertBatch([record(1200)]);
    await expect(repository().insertBatch(records(1500))).rejects.toThrow();
    expect(await count()).toBe(1);
  });

  it('counts come back as numbers', async () => {
    await repository().insertBatch(records(3));
    expect(await count()).toBe(3);
  });

  describe('list', () => {
    const written = records(60);
    const ids = (list: UsageRecord[]) => list.map((r) => r.id);
    const expectIds = (keep: (r: UsageRecord) => boolean) => ids(newestFirst(written.filter(keep)));

    it('filters by key, account and model', async () => {
      await repository().insertBatch(written);
      const byKey = await repository().list({ keyId: 'key-1', limit: 100 });
      expect(ids(byKey)).toEqual(expectIds((r) => r.keyId === 'key-1'));
      const byAccount = await repository().list({ accountId: 'acc-0', limit: 100 });
      expect(ids(byAccount)).toEqual(expectIds((r) => r.accountId === 'acc-0'));
      const byModel = await repository().list({ model: 'claude-haiku-4-5', limit: 100 });
      expect(ids(byModel)).toEqual(expectIds((r) => r.model === 'claude-haiku-4-5'));
      const combined = await repository().list({ keyId: 'key-2', model: 'claude-haiku-4-5', limit: 100 });
      expect(ids(combined)).toEqual(expectIds((r) => r.keyId === 'key-2' && r.model === 'claude-haiku-4-5'));
    });

    it('takes from as inclusive and to as exclusive', async () => {
      await repository().insertBatch(written);
      const window = await repository().list({ from: base + 10, to: base + 20, limit: 100 });
      expect(ids(window)).toEqual(expectIds((r) => r.createdAt >= base + 10 && r.createdAt < base + 20));
      expect(await repository().list({ from: base + 60, limit: 100 })).toHaveLength(1);
      expect(await repository().list({ to: base + 1, limit: 100 })).toHaveLength(0);
    });

    it('returns the newest records up to the limit, ties by id', async () => {
      await repository().insertBatch(written);
      expect(ids(await repository().list({ limit: 5 }))).toEqual(ids(newestFirst(written)).slice(0, 5));
      const tied = [
        record(900, { id: 'tie-a', createdAt: base }),
        record(901, { id: 'tie-b', createdAt: base }),
      ];
      await repository().insertBatch(tied);
      expect(ids(await repository().list({ to: base + 1, limit: 10 }))).toEqual(['tie-b', 'tie-a']);
    });
  });

  it('stores texts an upstream sent with NUL bytes instead of failing the batch', async () => {
    const dirty = record(90, { upstreamModel: 'claude\u0000odd', upstreamRequestId: 'req\u0000x' });
    await repository().insertBatch([dirty, record(91)]);
    const [stored] = await repository().list({
      keyId: dirty.keyId ?? undefined,
      limit: 1,
      from: dirty.createdAt,
      to: dirty.createdAt + 1,
    });
    expect(stored).toMatchObject({ upstreamModel: 'claude\uFFFDodd', upstreamRequestId: 'req\uFFFDx' });
    expect(await count()).toBeGreaterThanOrEqual(2);
  });
});
