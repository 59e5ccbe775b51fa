import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { LoginCodes } from '../../auth/login-codes.js';
import type { RequestQuota } from '../../auth/request-quota.js';
import { type CodeRequestAnswer, codeRequestSchema, codeVerifySchema } from '../../contracts/auth-code.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Notifier } from '../../notify/notifier.js';
import { parseBody } from '../admin/parse-body.js';
import type { AuthServices } from './auth-services.js';

export interface LoginCodeServices {
  codes: LoginCodes;
  /** Code requests allowed per username and per client address. */
  quotas: { username: RequestQuota; ip: RequestQuota };
}

export interface CodeLoginRoutesOptions extends LoginCodeServices {
  auth: AuthServices;
  notifier: Notifier;
  logger: Logger;
}

const invalidCode = 'Invalid or expired code.';

function codeMessage(code: string, minutes: number) {
  return {
    event: 'one-time-code' as const,
    subject: `Your Gatehouse login code: ${code}`,
    text: `Your Gatehouse login code is ${code}.\nIt is valid for ${minutes} minutes and can be used once.\nIf you did not ask for it, you can ignore this message.`,
  };
}

/** Console login with a one-time code sent by mail or webhook (`/api/auth/code/…`). */
export async function codeLoginRoutes(app: FastifyInstance, services: CodeLoginRoutesOptions) {
  const { auth, codes, notifier, quotas, logger } = services;
  const minutes = Math.round(codes.ttlMs / 60_000);

  // Runs after the answer went out, so neither its result nor its duration tells whether the user exists.
  async function sendCode(username: string): Promise<void> {
    const user = await auth.users.findByUsername(username);
    if (!user?.enabled) return;
    const code = await codes.issue(user.id);
    const report = await notifier.send({ userId: user.id }, codeMessage(code, minutes));
    if (!report.delivered) {
      logger.warn(
        { userId: user.id, skipped: report.skipped, results: report.results },
        'login code not delivered',
      );
    }
  }

  app.post(
    '/api/auth/code/request',
    {
      config: {
        auth: 'public',
        docs: {
          summary: 'Send a one-time login code by mail or webhook',
          tags: ['auth'],
          body: codeRequestSchema,
        },
      },
    },
    async (request, reply) => {
      const { username } = parseBody(codeRequestSchema, request.body);
      const wait = quotas.ip.take(request.ip) ?? quotas.username.take(username.toLowerCase());
      if (wait !== undefined) {
        throw new GatewayError('rate_limited', 'Too many code requests; try again later.', {
          retryAfterSeconds: wait,
        });
      }
      sendCode(username).catch((error: unknown) => logger.error({ err: error }, 'login code request failed'));
      const answer: CodeRequestAnswer = {
        message: 'If this user exists and can receive messages, a code is on its way.',
        expiresInSeconds: Math.round(codes.ttlMs / 1000),
      };
      return reply.code(202).send(answer);
    },
  );

  app.post(
    '/api/auth/code/verify',
    {
      config: {
        auth: 'public',
        docs: { summary: 'Log in with a one-time code', tags: ['auth'], body: codeVerifySchema },
      },
    },
    async (request, reply) => {
      const { username, code } = parseBody(codeVerifySchema, request.body);
      const lockedFor = auth.throttle.lockedFor(username, request.ip);
      if (lockedFor !== undefined) {
        throw new GatewayError('rate_limited', 'Too many failed logins; try again later.', {
          retryAfterSeconds: lockedFor,
        });
      }
      const user = await auth.users.findByUsername(username);
      const verified = user?.enabled && (await codes.check(user.id, code)) === 'verified';
      if (!user || !verified) {
        auth.throttle.recordFailure(username, request.ip);
        throw new GatewayError('authentication_failed', invalidCode);
      }
      auth.throttle.recordSuccess(username);
      return auth.sessionCookies.startFor(user, request, reply);
    },
  );
}
