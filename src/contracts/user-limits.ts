import { z } from 'zod';
import { usageLimitFields } from './usage-limits.js';

const modelPattern = z.string().min(1).max(200);

/**
 * `PATCH /admin/api/users/:id/limits`: a user's limits, shared by all the user's keys, and the model
 * rules every one of the user's keys is intersected with. Same field names as keys.
 */
export const userLimitsFields = {
  ...usageLimitFields,
  allowedModels: z.array(modelPattern).max(1000),
  deniedModels: z.array(modelPattern).max(1000),
  /** The account group the user's keys use when a key names none; null for any. */
  group: z.string().min(1).max(100).nullable(),
};

export const userLimitsUpdateSchema = z.object(userLimitsFields).partial().strict();

export type UserLimitsUpdateInput = z.infer<typeof userLimitsUpdateSchema>;
