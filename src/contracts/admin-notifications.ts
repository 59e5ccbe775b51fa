import { z } from 'zod';

/**
 * `PUT /admin/api/settings/notifications`. A channel left out stays as it is; `null` turns it off.
 * Secrets are write-only: `password`/`secret` left out keep the current one, `null` removes it.
 */
export const notificationSettingsUpdateSchema = z
  .object({
    smtp: z
      .object({
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535).default(587),
        secure: z.boolean().default(false),
        user: z.string().min(1).max(320).nullable().default(null),
        password: z.string().max(1000).nullable().optional(),
        from: z.string().min(3).max(320),
      })
      .strict()
      .nullable()
      .optional(),
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(2000),
        secret: z.string().min(16).max(1000).nullable().optional(),
        timeoutMs: z.number().int().positive().max(60_000).default(10_000),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

/** `POST /admin/api/settings/notifications/test`: mail goes to `to`, or to every admin with an address. */
export const notificationTestSchema = z.object({ to: z.email().max(320).optional() }).strict();

export type NotificationSettingsUpdate = z.infer<typeof notificationSettingsUpdateSchema>;
