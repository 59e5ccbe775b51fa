import type {
  Granularity,
  RollupDimensions,
  RollupRow,
  RollupsRepository,
} from '../../db/repositories/rollups-repository.js';
import { slotMs } from '../../db/repositories/rollups-repository.js';
import { startOfLocalDay, startOfLocalHour, startOfNextLocalDay } from './local-time.js';

export interface UsageRollupOptions {
  repository: RollupsRepository;
  timeZone: string;
  /** How late a record may be written after it started (the longest upstream exchange, plus a flush). */
  latenessMs: number;
  /** Raw records older than this many days are deleted once rolled up; 0 keeps them forever. */
  retentionDays: number;
}

const watermarkState = 'watermark';
const zoneState = 'time_zone';

const dimensionsOf = (row: RollupDimensions): RollupDimensions => ({
  key_id: row.key_id,
  user_id: row.user_id,
  model: row.model,
  account_id: row.account_id,
  client_family: row.client_family,
  surface: row.surface,
});

function addInto(
  into: Map<string, RollupRow>,
  granularity: Granularity,
  bucketStart: number,
  row: RollupRow,
) {
  const dimensions = dimensionsOf(row);
  const id = `${bucketStart}\u0000${Object.values(dimensions).join('\u0000')}`;
  const sum = into.get(id);
  if (!sum) {
    into.set(id, { ...row, ...dimensions, granularity, bucket_start: bucketStart });
    return;
  }
  sum.requests += row.requests;
  sum.errors += row.errors;
  sum.input_tokens += row.input_tokens;
  sum.output_tokens += row.output_tokens;
  sum.cache_read_tokens += row.cache_read_tokens;
  sum.cache_write_tokens += row.cache_write_tokens;
  sum.cost = Math.round((sum.cost + row.cost) * 1e10) / 1e10;
  sum.duration_ms_sum += row.duration_ms_sum;
  sum.ttfb_ms_sum += row.ttfb_ms_sum;
  sum.ttfb_count += row.ttfb_count;
}

/**
 * Hourly and daily roll-ups in the configured zone, rebuilt from the raw records rather than added to:
 * each run recomputes every hour from the watermark's hour on (the watermark trails the clock by the
 * longest time a record can arrive late), then every day those hours touch from the hourly rows. A
 * bucket's rows are replaced in one transaction, so re-running gives identical rows (idempotent), and
 * a crash mid-run is repaired by the next run.
 */
export function createUsageRollups(options: UsageRollupOptions) {
  const { repository, timeZone } = options;
  const hourOfSlot = new Map<number, number>();
  const dayOfHour = new Map<number, number>();
  const cached = (cache: Map<number, number>, key: number, compute: () => number) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (cache.size > 100_000) cache.clear();
      cache.set(key, value);
    }
    return value;
  };

  async function startingPoint(): Promise<number | undefined> {
    const zone = await repository.readState(zoneState);
    const watermark = await repository.readState(watermarkState);
    if (zone === timeZone && watermark !== undefined) return Number(watermark);
    // First run, or the zone changed: rebuild from the oldest raw record still kept.
    return repository.earliestRecordAt();
  }

  async function rollHours(from: number, to: number): Promise<void> {
    const hours = new Map<string, RollupRow>();
    for (const { slot, ...sums } of await repository.sumRecordsBySlot(from, to)) {
      const hour = cached(hourOfSlot, slot, () => startOfLocalHour(slot * slotMs, timeZone));
      addInto(hours, 'hour', hour, { ...sums, granularity: 'hour', bucket_start: hour });
    }
    await repository.replaceRollups('hour', from, to, [...hours.values()]);
  }

  async function rollDays(from: number, to: number): Promise<void> {
    const days = new Map<string, RollupRow>();
    for (const hour of await repository.listRollups('hour', from, to)) {
      const day = cached(dayOfHour, hour.bucket_start, () => startOfLocalDay(hour.bucket_start, timeZone));
      addInto(days, 'day', day, hour);
    }
    await repository.replaceRollups('day', from, to, [...days.values()]);
  }

  return {
    /** Brings the roll-ups up to `now`; safe to run again, or from another instance after this one. */
    async refresh(now: number): Promise<void> {
      const since = await startingPoint();
      if (since !== undefined) {
        const hourFrom = startOfLocalHour(Math.min(since, now), timeZone);
        const dayFrom = startOfLocalDay(hourFrom, timeZone);
        const dayTo = startOfNextLocalDay(now, timeZone);
        await rollHours(hourFrom, dayTo);
        await rollDays(dayFrom, dayTo);
      }
      await repository.writeState(zoneState, timeZone);
      await repository.writeState(watermarkState, String(now - options.latenessMs));
    },

    /** Deletes raw records older than the retention, whole local days only and only once rolled up. */
    async retain(now: number): Promise<number> {
      if (options.retentionDays <= 0) return 0;
      const watermark = Number((await repository.readState(watermarkState)) ?? Number.NEGATIVE_INFINITY);
      const cutoff = startOfLocalDay(now - options.retentionDays * 86_400_000, timeZone);
      if (!(watermark >= cutoff)) return 0;
      return repository.deleteRecordsBefore(cutoff);
    },
  };
}

export type UsageRollups = ReturnType<typeof createUsageRollups>;
