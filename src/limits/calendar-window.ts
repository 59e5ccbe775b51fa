/**
 * Calendar windows for token and cost limits (SPEC §5: per hour, day, week and month), counted in the
 * configured IANA time zone (`config.timeZone`): a daily budget in Asia/Shanghai resets at midnight in
 * Shanghai. Weeks start on Monday (ISO 8601). Windows follow the wall clock, so a day across a DST
 * change is 23 or 25 hours long.
 */
export type CalendarPeriod = 'hour' | 'day' | 'week' | 'month';

export const calendarPeriods: readonly CalendarPeriod[] = ['hour', 'day', 'week', 'month'];

export interface CalendarWindow {
  period: CalendarPeriod;
  /** Epoch milliseconds of the window's first instant. */
  start: number;
  /** Epoch milliseconds of the next window's first instant. */
  end: number;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday as string] ?? 0,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first instant whose wall clock reads this local time (or the first after it, in a DST gap). */
function instantOf(year: number, monthIndex: number, day: number, hour: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(year, monthIndex, day, hour);
  let guess = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  guess = wallAsUtc - offsetAt(guess, timeZone);
  return guess;
}

export function calendarWindow(period: CalendarPeriod, now: number, timeZone: string): CalendarWindow {
  const wall = wallClock(now, timeZone);
  const m = wall.month - 1;
  switch (period) {
    case 'hour': {
      // Hours are counted on the instant line (a repeated wall hour at a DST change is two windows):
      // the hour began as many minutes and seconds ago as the wall clock shows past the hour.
      const start = now - ((wall.minute * 60 + wall.second) * 1000 + (now % 1000));
      return { period, start, end: start + 3_600_000 };
    }
    case 'day':
      return {
        period,
        start: instantOf(wall.year, m, wall.day, 0, timeZone),
        end: instantOf(wall.year, m, wall.day + 1, 0, timeZone),
      };
    case 'week':
      return {
        period,
        start: instantOf(wall.year, m, wall.day - wall.weekday, 0, timeZone),
        end: instantOf(wall.year, m, wall.day - wall.weekday + 7, 0, timeZone),
      };
    case 'month':
      return {
        period,
        start: instantOf(wall.year, m, 1, 0, timeZone),
        end: instantOf(wall.year, m + 1, 1, 0, timeZone),
      };
    default: {
      const unknown: never = period;
      throw new Error(`unknown calendar period ${String(unknown)}`);
    }
  }
}
