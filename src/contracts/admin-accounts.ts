import { z } from 'zod';
import { isReservedHeader } from './reserved-headers.js';

const httpUrl = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

const modelName = z.string().min(1).max(200);

/** Headers Gatehouse sets itself (routing, credentials, framing) cannot be overridden per account. */

const extraHeaders = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name')
      .refine((name) => !isReservedHeader(name), 'is set by Gatehouse'),
    z
      .string()
      .max(2048)
      .refine((value) => !/[\r\n]/.test(value), 'must not contain line breaks'),
  )
  .refine((headers) => Object.keys(headers).length <= 32, 'at most 32 headers');

/** An outbound proxy: HTTP(S) (CONNECT tunnel) or SOCKS5, optionally with `user:password@`. */
const proxyUrl = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      return ['http:', 'https:', 'socks5:', 'socks:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, 'must be an http://, https:// or socks5:// URL');

/** A model an account serves: a name or pattern, or `{ name, upstreamModel }` to rename it upstream. */
export const accountModelSchema = z.union([
  modelName,
  z.object({ name: modelName, upstreamModel: modelName.optional() }).strict(),
]);

const accountFields = {
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(64),
  baseUrl: httpUrl,
  apiKey: z.string().min(1).max(16_384),
  models: z.array(accountModelSchema).max(1000),
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  weight: z.number().int().min(1).max(1_000_000),
  concurrencyLimit: z.number().int().positive().nullable(),
  group: z.string().min(1).max(100).nullable(),
  enabled: z.boolean(),
  proxyUrl: proxyUrl.nullable(),
  extraHeaders: extraHeaders,
};

export const accountCreateSchema = z
  .object({
    ...accountFields,
    baseUrl: accountFields.baseUrl.optional(),
    models: accountFields.models.default([]),
    priority: accountFields.priority.default(0),
    weight: accountFields.weight.default(1),
    concurrencyLimit: accountFields.concurrencyLimit.default(null),
    group: accountFields.group.default(null),
    enabled: accountFields.enabled.default(true),
    proxyUrl: accountFields.proxyUrl.default(null),
    extraHeaders: accountFields.extraHeaders.default({}),
  })
  .strict();

export const accountUpdateSchema = z.object(accountFields).partial().strict();

export type AccountCreateInput = z.infer<typeof accountCreateSchema>;
export type AccountUpdateInput = z.infer<typeof accountUpdateSchema>;

/** `POST /admin/api/accounts/oauth/start`: begin a Claude subscription login (to re-authorize: `accountId`). */
export const oauthStartSchema = z.object({ accountId: z.string().min(1).max(100).optional() }).strict();

/**
 * `POST /admin/api/accounts/oauth/exchange`: the code pasted from Claude's callback page (`code#state`,
 * a bare code, or the whole callback URL), plus the new account's fields. With `accountId`, the
 * account's tokens are replaced (re-authorization) and any fields given are changed.
 */
export const oauthExchangeSchema = z
  .object({
    ...accountUpdateSchema.omit({ type: true, apiKey: true }).shape,
    state: z.string().min(1).max(512).optional(),
    code: z.string().min(1).max(4096),
    accountId: z.string().min(1).max(100).optional(),
  })
  .strict();

export type OAuthExchangeInput = z.infer<typeof oauthExchangeSchema>;
