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
