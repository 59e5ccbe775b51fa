import { z } from 'zod';

const rate = z.number().nonnegative().max(1_000_000);

/** USD per million tokens. Omitted cache rates keep the shipped model's ratio to input (see complete-price.ts). */
export const tokenPricesInputSchema = z
  .object({
    input: rate,
    output: rate,
    cacheWrite5m: rate.optional(),
    cacheWrite1h: rate.optional(),
    cacheRead: rate.optional(),
  })
  .strict();

export const modelPriceInputSchema = tokenPricesInputSchema
  .extend({
    /** Rates for a whole request whose prompt (input + cache) exceeds `thresholdTokens`; null for none. */
    longContext: tokenPricesInputSchema
      .extend({ thresholdTokens: z.number().int().positive() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type ModelPriceInput = z.infer<typeof modelPriceInputSchema>;

/** `PUT /admin/api/prices/:model`: the new prices and, optionally, when they take effect (default now). */
export const priceOverrideBodySchema = modelPriceInputSchema
  .extend({
    effectiveFrom: z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]).optional(),
  })
  .strict();
