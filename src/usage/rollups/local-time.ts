/**
 * Local hour and day boundaries in an IANA zone, as epoch milliseconds, found with Intl (no tz
 * database of our own). A local day is not always 24 hours (DST: 23 or 25), and some zones are offset
 * by half or quarter hours, so boundaries are computed from the zone's offset at each instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as unknown as WallTime;
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
export function zoneOffsetMs(instant: number, zone: string): number {
  const wall = wallTime(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant the local hour containing `instant` began. */
export function startOfLocalHour(instant: number, zone: string): number {
  const wall = wallTime(instant, zone);
  const intoHour = wall.minute * 60_000 + wall.second * 1000 + (((instant % 1000) + 1000) % 1000);
  return instant - intoHour;
}

/** The instant local midnight began on the local day containing `instant`. */
export function startOfLocalDay(instant: number, zone: string): number {
  const wall = wallTime(instant, zone);
  return localMidnight(wall.year, wall.month, wall.day, zone);
}

/** The instant the next local day begins after the one containing `instant`. */
export function startOfNextLocalDay(instant: number, zone: string): number {
  const wall = wallTime(instant, zone);
  return localMidnight(wall.year, wall.month, wall.day + 1, zone);
}

function localMidnight(year: number, month: number, day: number, zone: string): number {
  const wallMidnight = Date.UTC(year, month - 1, day);
  // Two passes settle the offset: the one at the guess may differ from the one at midnight itself.
  let guess = wallMidnight - zoneOffsetMs(wallMidnight, zone);
  guess = wallMidnight - zoneOffsetMs(guess, zone);
  return guess;
}
