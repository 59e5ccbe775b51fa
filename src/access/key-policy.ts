import { GatewayError } from '../errors/gateway-error.js';
import type { LiveKey } from './live-key.js';

/** The checks that need only the key itself, run right after authentication. */
export function checkKeyAccess(live: LiveKey, clientIp: string, now: number): GatewayError | undefined {
  const { key } = live;
  if (!key.enabled) return new GatewayError('permission_denied', 'This API key is disabled.');
  if (key.expiresAt !== null && key.expiresAt <= now) {
    return new GatewayError('permission_denied', 'This API key has expired.');
  }
  if (!live.allowsIp(clientIp)) {
    return new GatewayError('permission_denied', 'This API key may not be used from this address.');
  }
  return undefined;
}

export function checkModelAccess(live: LiveKey, model: string): GatewayError | undefined {
  if (live.allowsModel(model)) return undefined;
  return new GatewayError(
    'permission_denied',
    `This API key may not use the model ${JSON.stringify(model)}.`,
  );
}
