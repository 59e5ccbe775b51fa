import { describe, expect, it } from 'vitest';
import { createRollupsRepository } from '../../src/db/repositories/rollups-repository.js';
import { createUsageRepository } from '../../src/db/repositories/usage-repository.js';
import type { UsageRecord } from '../../src/domain/usage-record.js';
import { startOfLocalDay } from '../../src/usage/rollups/local-time.js';
import { createUsageRollups } from '../../src/usage/rollups/usage-rollups.js';
import { backends, useTestStore } from './storage-backends.js';

const hour = 3_600_000;

function record(n: number, createdAt: number): UsageRecord {
  return {
    id: `rec-${String(n).padStart(6, '0')}`,
    createdAt,
    keyId: `key-${n % 3}`,
    userId: n % 2 === 0 ? null : 'user-1',
    accountId: `acc-${n % 2}`,
    surface: n % 5 === 0 ? 'openai-chat' : 'anthropic',
    upstreamFormat: 'anthropic',
    model: n % 4 === 0 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    inputTokens: n * 7,
    outputTokens: n * 11,
    cacheReadTokens: n % 2 === 0 ? 0 : 4_096,
    cacheWriteTokens: n,
    cacheWrite1hTokens: 0,
    cost: n / 3 + 0.1,
    charged: true,
    status: n % 6 === 0 ? 529 : 200,
    errorClass: n % 6 === 0 ? 'overloaded' : null,
    stream: n % 2 === 1,
    partial: false,
    estimated: false,
    ttfbMs: n % 7 === 0 ? null : 100 + n,
    durationMs: 900 + n,
    clientFamily: 'claude-code',
    upstreamRequestId: null,
  };
}

/** Records every 7 minutes for 60 hours around the fall-back night in New York (2026-11-01). */
function recordsAcrossFallBack(): UsageRecord[] {
  const start = Date.parse('2026-10-31T00:00:00Z');
  return Array.from({ length: (60 * 60) / 7 }, (_, n) => record(n + 1, start + n * 7 * 60_000));
}

describe.each(backends)('usage roll-ups on $name', (backend) => {
  const store = useTestStore(backend);
  const setUp = async (timeZone: string, retentionDays = 0) => {
    const db = store().storage.db;
    const written = recordsAcrossFallBack();
    await createUsageRepository(db, store().storage.usageBulkInsert).insertBatch(written);
    const repository = createRollupsRepository(db);
    const rollups = createUsageRollups({ repository, timeZone, latenessMs: hour, retentionDays });
    return { db, written, repository, rollups };
  };
  const dump = async () =>
    store()
      .storage.db.selectFrom('usage_rollups')
      .selectAll()
      .orderBy(['granularity', 'bucket_start', 'key_id', 'user_id', 'model', 'account_id', 'surface'])
      .execute();

  for (const timeZone of ['America/New_York', 'Asia/Shanghai']) {
    it(`sums every record exactly into local hours and days in ${timeZone}, across DST`, async () => {
      const { written, repository, rollups } = await setUp(timeZone);
      const now = Date.parse('2026-11-03T00:00:00Z');
      await rollups.refresh(now);
      for (const granularity of ['hour', 'day'] as const) {
        const rows = await repository.listRollups(granularity, 0, Number.MAX_SAFE_INTEGER);
        const total = (
          pick: (r: { requests: number; input_tokens: number; cost: number; errors: number }) => number,
        ) => rows.reduce((sum, row) => sum + pick(row), 0);
        expect(total((r) => r.requests)).toBe(written.length);
        expect(total((r) => r.errors)).toBe(written.filter((r) => r.status >= 400).length);
        expect(total((r) => r.input_tokens)).toBe(written.reduce((sum, r) => sum + r.inputTokens, 0));
        expect(total((r) => r.cost)).toBeCloseTo(
          written.reduce((sum, r) => sum + r.cost, 0),
          6,
        );
      }
      const days = await repository.listRollups('day', 0, Number.MAX_SAFE_INTEGER);
      const dayStarts = [...new Set(days.map((row) => row.bucket_start))].sort();
      for (const start of dayStarts) expect(startOfLocalDay(start, timeZone)).toBe(start);
      if (timeZone === 'America/New_York') {
        // The fall-back day holds 25 hours of records.
        const fallBack = Date.parse('2026-11-01T04:00:00Z');
        const inDay = written.filter((r) => r.createdAt >= fallBack && r.createdAt < fallBack + 25 * hour);
        const requests = days
          .filter((row) => row.bucket_start === fallBack)
          .reduce((s, r) => s + r.requests, 0);
        expect(requests).toBe(inDay.length);
      }
    });
  }

  it('re-running gives identical rows, and a late record is picked up by the next run', async () => {
    const { db, rollups } = await setUp('America/New_York');
    const now = Date.parse('2026-11-02T12:00:00Z');
    await rollups.refresh(now);
    const first = await dump();
    await rollups.refresh(now);
    expect(await dump()).toEqual(first);
    await createUsageRepository(db).insertBatch([record(99_999, now - 10 * 60_000)]);
    await rollups.refresh(now + 60_000);
    const after = await dump();
    const requests = (rows: typeof after, granularity: string) =>
      rows
        .filter((row) => row.granularity === granularity)
        .reduce((sum, row) => sum + Number(row.requests), 0);
    expect(requests(after, 'hour')).toBe(requests(first, 'hour') + 1);
    expect(requests(after, 'day')).toBe(requests(first, 'day') + 1);
  });

  it('retention deletes raw records of whole old days once rolled up, and keeps the roll-ups', async () => {
    const { db, written, rollups } = await setUp('Asia/Shanghai', 1);
    const now = Date.parse('2026-11-02T12:00:00Z');
    expect(await rollups.retain(now)).toBe(0);
    await rollups.refresh(now);
    const before = await dump();
    const deleted = await rollups.retain(now);
    const cutoff = startOfLocalDay(now - 86_400_000, 'Asia/Shanghai');
    expect(deleted).toBe(written.filter((r) => r.createdAt < cutoff).length);
    expect(deleted).toBeGreaterThan(0);
    await rollups.refresh(now);
    expect(await dump()).toEqual(before);
    const left = await db
      .selectFrom('usage_records')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(written.length - deleted);
  });
});
