import { createHmac } from 'node:crypto';
import { createLoginCodes } from '../../auth/login-codes.js';
import { createRequestQuota } from '../../auth/request-quota.js';
import type { OneTimeCodeConfig } from '../../config/login-config.js';
import type { LoginCodesRepository } from '../../db/repositories/login-codes-repository.js';
import type { LoginCodeServices } from './code-login-routes.js';

export function createLoginCodeServices(deps: {
  config: OneTimeCodeConfig;
  repository: LoginCodesRepository;
  /** The master key; the codes' hash key is derived from it, so a database dump alone cannot test codes. */
  masterKey: Buffer;
  now: () => number;
}): LoginCodeServices {
  const { config, now } = deps;
  return {
    codes: createLoginCodes({
      repository: deps.repository,
      hashKey: createHmac('sha256', deps.masterKey).update('gatehouse one-time login codes').digest(),
      now,
      ttlMs: config.ttlMs,
      maxAttempts: config.maxAttempts,
    }),
    quotas: {
      username: createRequestQuota({
        limit: config.maxRequestsPerUsername,
        windowMs: config.requestWindowMs,
        now,
      }),
      ip: createRequestQuota({ limit: config.maxRequestsPerIp, windowMs: config.requestWindowMs, now }),
    },
  };
}
