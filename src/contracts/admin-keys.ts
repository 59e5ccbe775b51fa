import { z } from 'zod';
import { keyServices } from '../domain/api-key.js';
import { usageLimitFields } from './usage-limits.js';

const modelPattern = z.string().min(1).max(200);

/** Client families of access/client-family.ts, for `allowedClients`. */
export const clientFamilies = [
  'claude-code',
  'codex',
  'anthropic-sdk-js',
  'anthropic-sdk-python',
  'openai-sdk',
  'curl',
  'browser',
  'other',
  'unknown',
] as const;

export const keyFields = {
  name: z.string().min(1).max(200),
  userId: z.string().min(1).max(100).nullable(),
  enabled: z.boolean(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  allowedModels: z.array(modelPattern).max(1000),
  deniedModels: z.array(modelPattern).max(1000),
  ipAllowlist: z.array(z.string().min(1).max(64)).max(1000),
  group: z.string().min(1).max(100).nullable(),
  tags: z.array(z.string().min(1).max(64)).max(100),
  /** `claude` (Anthropic Messages), `openai` (Chat Completions, Responses), `gemini`, or `all`. */
  allowedServices: z.array(z.enum(keyServices)).min(1).max(4),
  /** User-agent families allowed to use the key; empty allows every client. */
  allowedClients: z.array(z.enum(clientFamilies)).max(clientFamilies.length),
  ...usageLimitFields,
};

const limitDefaults = Object.fromEntries(
  Object.entries(usageLimitFields).map(([name, schema]) => [name, schema.default(null)]),
) as { [Name in keyof typeof usageLimitFields]: z.ZodDefault<(typeof usageLimitFields)[Name]> };

export const keyCreateSchema = z
  .object({
    name: keyFields.name,
    userId: keyFields.userId.default(null),
    enabled: keyFields.enabled.default(true),
    expiresAt: keyFields.expiresAt.default(null),
    allowedModels: keyFields.allowedModels.default([]),
    deniedModels: keyFields.deniedModels.default([]),
    ipAllowlist: keyFields.ipAllowlist.default([]),
    group: keyFields.group.default(null),
    tags: keyFields.tags.default([]),
    allowedServices: keyFields.allowedServices.default(['all']),
    allowedClients: keyFields.allowedClients.default([]),
    ...limitDefaults,
  })
  .strict();

export const keyUpdateSchema = z.object(keyFields).partial().strict();

/** `POST /admin/api/keys/batch`: `count` keys named `<namePrefix>-1…n`, sharing every other field. */
export const keyBatchCreateSchema = keyCreateSchema
  .omit({ name: true })
  .extend({ namePrefix: keyFields.name, count: z.number().int().min(1).max(500) })
  .strict();

/** `PATCH /admin/api/keys/batch`: the same change applied to every listed key (404, nothing changed, when any id is unknown). */
export const keyBatchUpdateSchema = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000), changes: keyUpdateSchema })
  .strict();

/** `POST /admin/api/keys/batch-delete`: soft-deletes every listed key. */
export const keyBatchDeleteSchema = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) })
  .strict();

export type KeyCreateInput = z.infer<typeof keyCreateSchema>;
export type KeyUpdateInput = z.infer<typeof keyUpdateSchema>;
