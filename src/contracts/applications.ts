import { z } from 'zod';
import { usageLimitFields } from './usage-limits.js';

export const applicationKinds = ['model-access', 'quota'] as const;
export const applicationStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationKind = (typeof applicationKinds)[number];
export type ApplicationStatus = (typeof applicationStatuses)[number];

const reason = z.string().trim().min(1).max(2000);

/** Access to more models (exact names or `*` patterns) and/or to an account group. */
export const modelAccessApplicationSchema = z
  .object({
    kind: z.literal('model-access'),
    reason,
    models: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => body.models !== undefined || body.group !== undefined, {
    message: 'name the models or the group you apply for',
    path: ['models'],
  });

/** New values for some of the user's own limits (the same field names as `/admin/api/users/:id/limits`). */
export const quotaApplicationSchema = z
  .object({
    kind: z.literal('quota'),
    reason,
    limits: z
      .object(usageLimitFields)
      .partial()
      .strict()
      .refine((limits) => Object.keys(limits).length > 0, { message: 'name at least one limit' }),
  })
  .strict();

/** `POST /api/applications`. */
export const applicationCreateSchema = z.discriminatedUnion('kind', [
  modelAccessApplicationSchema,
  quotaApplicationSchema,
]);

/** `POST /admin/api/applications/:id/decision`. */
export const applicationDecisionSchema = z
  .object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(2000).optional() })
  .strict();

/** `GET /admin/api/applications?status=`. */
export const applicationListQuerySchema = z
  .object({ status: z.enum(applicationStatuses).optional() })
  .strict();

export type ApplicationCreateInput = z.infer<typeof applicationCreateSchema>;
/** What was asked for, stored as the application's `request` (everything but kind and reason). */
export type ApplicationRequest = {
  models?: string[];
  group?: string;
  limits?: Record<string, number | null>;
};
