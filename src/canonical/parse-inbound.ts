import type { z } from 'zod';
import { gatewayError } from '../errors/gateway-error.js';

/**
 * Validates a client's request body. The first issues become one 400 message naming the path, e.g.
 * `messages.2.content.0.source.media_type: Invalid option`, which is what a developer needs to fix
 * the call. Only for inbound bodies: upstream answers are read leniently.
 */
export function parseInbound<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
  throw gatewayError('invalid_request', `Invalid ${what}: ${detail}`, { cause: parsed.error });
}

/** For upstream answers: a body that is not even the right shape is an upstream failure (502). */
export function parseUpstream<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join('.')}: ${first.message}` : 'malformed';
  throw gatewayError('upstream_failed', `Unreadable ${what} from upstream (${where})`, {
    cause: parsed.error,
  });
}
