import { z } from 'zod';

export const adminTokenCreateSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** `admin:read` may call GET routes only; `admin:write` is needed for anything that changes state. */
    scopes: z
      .array(z.enum(['admin:read', 'admin:write']))
      .min(1)
      .default(['admin:read', 'admin:write']),
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .strict();

export type AdminTokenCreateInput = z.infer<typeof adminTokenCreateSchema>;
