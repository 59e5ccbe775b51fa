import { z } from 'zod';

/** `auth.oneTimeCode`: console login with a code sent by mail or webhook. */
export const oneTimeCodeConfigSchema = z
  .object({
    /** How long a code stays valid. */
    ttlMs: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 60_000),
    /** Guesses allowed against one code (the right one included). */
    maxAttempts: z.coerce.number().int().positive().default(5),
    /** Codes one username may be sent per window. */
    maxRequestsPerUsername: z.coerce.number().int().positive().default(5),
    /** Code requests one client address may make per window. */
    maxRequestsPerIp: z.coerce.number().int().positive().default(20),
    requestWindowMs: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 60_000),
  })
  .strict()
  .prefault({});

/**
 * `auth.ldap`: console login against a directory. Either a service account searches for the user
 * (`bindDN`, `bindPassword`, `searchBase`, `searchFilter`), or the user's DN is built from
 * `userDnTemplate` and bound directly. `{username}` is replaced by the escaped login name.
 */
export const ldapConfigSchema = z
  .object({
    url: z.string().regex(/^ldaps?:\/\/\S+$/, 'must be an ldap:// or ldaps:// URL'),
    bindDN: z.string().min(1).optional(),
    bindPassword: z.string().optional(),
    userDnTemplate: z.string().includes('{username}', { message: 'must contain {username}' }).optional(),
    searchBase: z.string().min(1).optional(),
    searchFilter: z
      .string()
      .includes('{username}', { message: 'must contain {username}' })
      .default('(uid={username})'),
    attributes: z
      .object({
        /** The directory's spelling of the name becomes the Gatehouse username (`BOB` logs in as `bob`). */
        username: z.string().min(1).default('uid'),
        email: z.string().min(1).default('mail'),
        displayName: z.string().min(1).default('cn'),
      })
      .strict()
      .prefault({}),
    /** Members of this group (member or uniqueMember) log in as admins; everyone else as users. */
    adminGroupDN: z.string().min(1).optional(),
    /** Create a Gatehouse user on a directory user's first login (otherwise an admin creates them). */
    autoCreate: z.boolean().default(true),
    timeoutMs: z.coerce.number().int().positive().default(5_000),
  })
  .strict()
  .refine((ldap) => ldap.userDnTemplate !== undefined || (ldap.bindDN && ldap.searchBase), {
    message: 'set userDnTemplate, or bindDN with bindPassword and searchBase',
  });

export type LdapConfig = z.infer<typeof ldapConfigSchema>;
export type OneTimeCodeConfig = z.infer<typeof oneTimeCodeConfigSchema>;
