import { z } from 'zod';

/** A time as ISO 8601 or epoch milliseconds, read from a query string. */
const instant = z
  .string()
  .transform((text, context) => {
    const millis = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isNaN(millis)) {
      context.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch milliseconds' });
      return z.NEVER;
    }
    return millis;
  })
  .optional();

export const usageRecordsQuerySchema = z
  .object({
    keyId: z.string().min(1).optional(),
    accountId: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    from: instant,
    to: instant,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const usageFilters = {
  from: instant,
  to: instant,
  /** IANA zone for daily buckets; defaults to the server's configured zone. */
  tz: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai').optional(),
  keyId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  client: z.string().min(1).optional(),
  surface: z.string().min(1).optional(),
};

const groupPaging = {
  groupBy: z.enum(['key', 'user', 'model', 'account', 'client', 'surface']).optional(),
  interval: z.enum(['hour', 'day']).default('day'),
  sort: z.enum(['requests', 'errors', 'inputTokens', 'outputTokens', 'cost']).default('cost'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** `GET …/usage/summary`: totals, a series per hour or day, and groups by one dimension. */
export const usageSummaryQuerySchema = z.object({ ...usageFilters, ...groupPaging }).strict();

/** `GET …/usage/export`: one view (records, series or groups) as CSV or XLSX. */
export const usageExportQuerySchema = z
  .object({
    ...usageFilters,
    ...groupPaging,
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
    format: z.enum(['csv', 'xlsx']).default('csv'),
    view: z.enum(['records', 'series', 'groups']).default('records'),
  })
  .strict();
