import type { FastifyContextConfig } from 'fastify';
import type { z } from 'zod';
import type { AuthPolicy } from './auth/route-policy.js';

/** A route's policy and its OpenAPI entry in one line (see http/auth/route-policy.ts). */
export function documented(
  auth: AuthPolicy,
  tag: string,
  summary: string,
  schemas: { body?: z.ZodType; query?: z.ZodType } = {},
): { config: FastifyContextConfig } {
  return { config: { auth, docs: { summary, tags: [tag], ...schemas } } };
}
