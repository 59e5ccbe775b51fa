import { describe, expect, it } from 'vitest';
import { startOfLocalDay, startOfLocalHour, startOfNextLocalDay, zoneOffsetMs } from './local-time.js';

const at = (iso: string) => Date.parse(iso);
const hours = (n: number) => n * 3_600_000;

describe('local time boundaries', () => {
  it('Asia/Shanghai: UTC+8 all year, days start at 16:00 UTC', () => {
    expect(zoneOffsetMs(at('2026-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(hours(8));
    expect(startOfLocalDay(at('2026-03-08T15:59:59.999Z'), 'Asia/Shanghai')).toBe(at('2026-03-07T16:00:00Z'));
    expect(startOfLocalDay(at('2026-03-08T16:00:00Z'), 'Asia/Shanghai')).toBe(at('2026-03-08T16:00:00Z'));
  });

  it('America/New_York: the spring-forward day has 23 hours and the fall-back day 25', () => {
    const zone = 'America/New_York';
    const march8 = startOfLocalDay(at('2026-03-08T12:00:00Z'), zone);
    expect(march8).toBe(at('2026-03-08T05:00:00Z'));
    expect(startOfNextLocalDay(march8, zone) - march8).toBe(hours(23));
    const november1 = startOfLocalDay(at('2026-11-01T12:00:00Z'), zone);
    expect(november1).toBe(at('2026-11-01T04:00:00Z'));
    expect(startOfNextLocalDay(november1, zone) - november1).toBe(hours(25));
    // The repeated 01:00 hour on fall-back day is two distinct local hours.
    expect(startOfLocalHour(at('2026-11-01T05:30:00Z'), zone)).toBe(at('2026-11-01T05:00:00Z'));
    expect(startOfLocalHour(at('2026-11-01T06:30:00Z'), zone)).toBe(at('2026-11-01T06:00:00Z'));
  });

  it('Asia/Kolkata: hours start at half past the UTC hour', () => {
    expect(startOfLocalHour(at('2026-01-01T10:29:00Z'), 'Asia/Kolkata')).toBe(at('2026-01-01T09:30:00Z'));
    expect(startOfLocalDay(at('2026-01-01T10:29:00Z'), 'Asia/Kolkata')).toBe(at('2025-12-31T18:30:00Z'));
  });
});
