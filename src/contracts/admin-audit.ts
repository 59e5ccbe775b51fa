import { z } from 'zod';

export const auditQuerySchema = z
  .object({
    actorUserId: z.string().min(1).max(100).optional(),
    actorKind: z.string().min(1).max(40).optional(),
    route: z.string().min(1).max(300).optional(),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'put', 'patch', 'delete']).optional(),
    targetId: z.string().min(1).max(200).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** The `nextCursor` of the previous page. */
    before: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
