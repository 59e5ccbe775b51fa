import { describe, expect, it } from 'vitest';
import { calendarWindow } from './calendar-window.js';

const at = (iso: string) => Date.parse(iso);

describe('calendar windows', () => {
  it('counts days, weeks (from Monday) and months in the configured zone', () => {
    // 2026-03-04 01:30 in Shanghai is still 2026-03-03 in UTC.
    const now = at('2026-03-03T17:30:00Z');
    expect(calendarWindow('day', now, 'Asia/Shanghai')).toEqual({
      period: 'day',
      start: at('2026-03-03T16:00:00Z'),
      end: at('2026-03-04T16:00:00Z'),
    });
    expect(calendarWindow('day', now, 'UTC')).toMatchObject({ start: at('2026-03-03T00:00:00Z') });
    // Wednesday 4 March in Shanghai: the week began on Monday 2 March.
    expect(calendarWindow('week', now, 'Asia/Shanghai')).toMatchObject({
      start: at('2026-03-01T16:00:00Z'),
      end: at('2026-03-08T16:00:00Z'),
    });
    expect(calendarWindow('month', now, 'Asia/Shanghai')).toMatchObject({
      start: at('2026-02-28T16:00:00Z'),
      end: at('2026-03-31T16:00:00Z'),
    });
    expect(calendarWindow('hour', now, 'Asia/Kolkata')).toMatchObject({
      start: at('2026-03-03T17:30:00Z'),
      end: at('2026-03-03T18:30:00Z'),
    });
  });

  it('follows daylight saving: a spring-forward day is 23 hours, a month crosses it', () => {
    const now = at('2026-03-29T12:00:00Z');
    const day = calendarWindow('day', now, 'Europe/Berlin');
    expect(day).toMatchObject({ start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T22:00:00Z') });
    expect(calendarWindow('month', now, 'Europe/Berlin')).toMatchObject({
      start: at('2026-02-28T23:00:00Z'),
      end: at('2026-03-31T22:00:00Z'),
    });
    // The repeated hour of the autumn change is two windows, one per instant.
    const first = calendarWindow('hour', at('2026-10-25T00:30:00Z'), 'Europe/Berlin');
    const second = calendarWindow('hour', at('2026-10-25T01:30:00Z'), 'Europe/Berlin');
    expect(first).toMatchObject({ start: at('2026-10-25T00:00:00Z'), end: at('2026-10-25T01:00:00Z') });
    expect(second).toMatchObject({ start: at('2026-10-25T01:00:00Z'), end: at('2026-10-25T02:00:00Z') });
  });

  it('rolls over at the window end', () => {
    const end = calendarWindow('day', at('2026-05-10T10:00:00Z'), 'UTC').end;
    expect(calendarWindow('day', end - 1, 'UTC').end).toBe(end);
    expect(calendarWindow('day', end, 'UTC').start).toBe(end);
  });
});
