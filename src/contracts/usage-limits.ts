import { z } from 'zod';
import type { PeriodLimits, UsageLimits } from '../limits/usage-limits.js';

/**
 * The limit fields of keys and users, flat so scripts can PATCH one at a time. Token limits count
 * input, output, cache-read and cache-write tokens; cost limits and `totalBudget` are USD. Calendar
 * windows are counted in the configured time zone (`GATEHOUSE_TIME_ZONE`); weeks start on Monday.
 */
const tokenLimit = z.number().int().positive().nullable();
const costLimit = z.number().positive().nullable();

export const usageLimitFields = {
  rpmLimit: z.number().int().positive().nullable(),
  concurrencyLimit: z.number().int().positive().nullable(),
  hourlyTokenLimit: tokenLimit,
  dailyTokenLimit: tokenLimit,
  weeklyTokenLimit: tokenLimit,
  monthlyTokenLimit: tokenLimit,
  hourlyCostLimit: costLimit,
  dailyCostLimit: costLimit,
  weeklyCostLimit: costLimit,
  monthlyCostLimit: costLimit,
  totalBudget: costLimit,
};

export type UsageLimitFields = { [Name in keyof typeof usageLimitFields]: number | null };

const periodNames = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** The flat API fields that were given, as a partial UsageLimits (window sets merged by the caller). */
export function limitsFromFields(fields: Partial<UsageLimitFields>): Partial<
  Omit<UsageLimits, 'tokenLimits' | 'costLimits'>
> & {
  tokenLimits?: Partial<PeriodLimits>;
  costLimits?: Partial<PeriodLimits>;
} {
  const result: ReturnType<typeof limitsFromFields> = {};
  if (fields.rpmLimit !== undefined) result.rpmLimit = fields.rpmLimit;
  if (fields.concurrencyLimit !== undefined) result.concurrencyLimit = fields.concurrencyLimit;
  if (fields.totalBudget !== undefined) result.totalBudget = fields.totalBudget;
  for (const [period, prefix] of Object.entries(periodNames) as [keyof PeriodLimits, string][]) {
    const tokens = fields[`${prefix}TokenLimit` as keyof UsageLimitFields];
    const cost = fields[`${prefix}CostLimit` as keyof UsageLimitFields];
    if (tokens !== undefined) result.tokenLimits = { ...result.tokenLimits, [period]: tokens };
    if (cost !== undefined) result.costLimits = { ...result.costLimits, [period]: cost };
  }
  return result;
}

export function fieldsFromLimits(limits: UsageLimits): UsageLimitFields {
  return {
    rpmLimit: limits.rpmLimit,
    concurrencyLimit: limits.concurrencyLimit,
    hourlyTokenLimit: limits.tokenLimits.hour,
    dailyTokenLimit: limits.tokenLimits.day,
    weeklyTokenLimit: limits.tokenLimits.week,
    monthlyTokenLimit: limits.tokenLimits.month,
    hourlyCostLimit: limits.costLimits.hour,
    dailyCostLimit: limits.costLimits.day,
    weeklyCostLimit: limits.costLimits.week,
    monthlyCostLimit: limits.costLimits.month,
    totalBudget: limits.totalBudget,
  };
}
