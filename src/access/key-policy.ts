import type { Dialect } from '../dialects/dialect.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { LiveKey } from './live-key.js';

/** The checks that need only the key itself, run right after authentication. */
export function checkKeyAccess(
  live: LiveKey,
  request: { clientIp: string; clientFamily: string },
  now: number,
): GatewayError | undefined {
  const { key } = live;
  if (!key.enabled) return new GatewayError('permission_denied', 'This API key is disabled.');
  if (live.owner && !live.owner.enabled)
    return new GatewayError('permission_denied', 'The owner of this API key is disabled.');
  if (key.expiresAt !== null && key.expiresAt <= now) {
    return new GatewayError('permission_denied', 'This API key has expired.');
  }
  if (!live.allowsIp(request.clientIp)) {
    return new GatewayError('permission_denied', 'This API key may not be used from this address.');
  }
  if (!live.allowsClient(request.clientFamily)) {
    return new GatewayError('permission_denied', 'This API key may not be used from this client.');
  }
  return undefined;
}

/** Service permissions (claude/openai/gemini): checked by each inference surface, which knows its dialect. */
export function checkServiceAccess(live: LiveKey, dialect: Dialect): GatewayError | undefined {
  if (live.allowsService(dialect)) return undefined;
  return new GatewayError('permission_denied', 'This API key may not be used for this API.');
}

export function checkModelAccess(live: LiveKey, model: string): GatewayError | undefined {
  if (live.allowsModel(model)) return undefined;
  return new GatewayError(
    'permission_denied',
    `This API key may not use the model ${JSON.stringify(model)}.`,
  );
}
