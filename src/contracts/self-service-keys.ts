import type { z } from 'zod';
import { keyCreateSchema, keyUpdateSchema } from './admin-keys.js';

/**
 * `POST /api/keys` and `PATCH /api/keys/:id`: the admin key fields minus what only an admin decides
 * (the owner `userId` and the account `group`). Strict: a body naming either is refused with 400, so a
 * user cannot reassign a key or bind it to another group. Limits may not exceed the user's own limits
 * (checked against the user's policy, not expressible in the schema).
 */
export const ownKeyCreateSchema = keyCreateSchema.omit({ userId: true, group: true }).strict();

export const ownKeyUpdateSchema = keyUpdateSchema.omit({ userId: true, group: true }).strict();

export type OwnKeyCreateInput = z.infer<typeof ownKeyCreateSchema>;
export type OwnKeyUpdateInput = z.infer<typeof ownKeyUpdateSchema>;
