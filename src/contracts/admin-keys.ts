import { z } from 'zod';

const modelPattern = z.string().min(1).max(200);

const keyFields = {
  name: z.string().min(1).max(200),
  userId: z.string().min(1).max(100).nullable(),
  enabled: z.boolean(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  allowedModels: z.array(modelPattern).max(1000),
  deniedModels: z.array(modelPattern).max(1000),
  ipAllowlist: z.array(z.string().min(1).max(64)).max(1000),
  rpmLimit: z.number().int().positive().nullable(),
  concurrencyLimit: z.number().int().positive().nullable(),
  group: z.string().min(1).max(100).nullable(),
};

export const keyCreateSchema = z
  .object({
    name: keyFields.name,
    userId: keyFields.userId.default(null),
    enabled: keyFields.enabled.default(true),
    expiresAt: keyFields.expiresAt.default(null),
    allowedModels: keyFields.allowedModels.default([]),
    deniedModels: keyFields.deniedModels.default([]),
    ipAllowlist: keyFields.ipAllowlist.default([]),
    rpmLimit: keyFields.rpmLimit.default(null),
    concurrencyLimit: keyFields.concurrencyLimit.default(null),
    group: keyFields.group.default(null),
  })
  .strict();

export const keyUpdateSchema = z.object(keyFields).partial().strict();

export type KeyCreateInput = z.infer<typeof keyCreateSchema>;
export type KeyUpdateInput = z.infer<typeof keyUpdateSchema>;
