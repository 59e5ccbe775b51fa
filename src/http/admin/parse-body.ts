import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';

/** Validates an admin request body; the 400 names every offending field. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new GatewayError('invalid_request', details);
}
