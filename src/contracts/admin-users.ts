import { z } from 'zod';

/** Letters, digits and `._@-`: safe in URLs, logs and LDAP filters. */
export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const newPasswordSchema = z.string().min(8, 'must be at least 8 characters').max(1000);

const userFields = {
  username: usernameSchema,
  role: z.enum(['admin', 'user']),
  enabled: z.boolean(),
  email: z.email().max(254).nullable(),
  displayName: z.string().min(1).max(200).nullable(),
  /** Write-only; omit to create a user who logs in only by one-time code or LDAP. */
  password: newPasswordSchema,
};

export const userCreateSchema = z
  .object({
    username: userFields.username,
    role: userFields.role.default('user'),
    enabled: userFields.enabled.default(true),
    email: userFields.email.default(null),
    displayName: userFields.displayName.default(null),
    password: userFields.password.optional(),
  })
  .strict();

export const userUpdateSchema = z.object(userFields).partial().strict();

/** Self-service: a user changes their own password by proving the current one. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: newPasswordSchema,
  })
  .strict();

export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
