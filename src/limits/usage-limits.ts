import type { CalendarPeriod } from './calendar-window.js';

/** A limit per calendar window; null means no limit for that window. */
export type PeriodLimits = Record<CalendarPeriod, number | null>;

/**
 * The limits a key or a user carries (SPEC §5). A user's limits are shared by all the user's keys: a
 * request counts against its key's limits and its owner's, so a key never exceeds its owner's scope.
 */
export interface UsageLimits {
  /** Requests in any 60 seconds. */
  rpmLimit: number | null;
  /** Requests in flight at once. */
  concurrencyLimit: number | null;
  /** Tokens (input, output, cache reads and writes) per calendar window. */
  tokenLimits: PeriodLimits;
  /** USD per calendar window. */
  costLimits: PeriodLimits;
  /** USD over the whole life of the key (or user). */
  totalBudget: number | null;
}

/** A user's policy: limits plus model rules intersected with each key's. */
export interface UserPolicy extends UsageLimits {
  allowedModels: string[];
  deniedModels: string[];
  /** The account group the user's keys use when the key names none (granted by an application). */
  group: string | null;
}

export const noPeriodLimits: PeriodLimits = { hour: null, day: null, week: null, month: null };

export const noUserPolicy: UserPolicy = {
  rpmLimit: null,
  concurrencyLimit: null,
  tokenLimits: noPeriodLimits,
  costLimits: noPeriodLimits,
  totalBudget: null,
  allowedModels: [],
  deniedModels: [],
  group: null,
};

/** The smaller of two limits, null meaning unlimited. */
export function tighterLimit(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function hasAnyBudget(limits: UsageLimits): boolean {
  return (
    limits.totalBudget !== null ||
    Object.values(limits.tokenLimits).some((limit) => limit !== null) ||
    Object.values(limits.costLimits).some((limit) => limit !== null)
  );
}
