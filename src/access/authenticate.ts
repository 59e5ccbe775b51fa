import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import type { Catalog } from '../state/catalog.js';
import { presentedCredential } from './credential.js';
import { hashKey, isWellFormedKey } from './key-format.js';
import type { LiveKey } from './live-key.js';

/**
 * Unknown, malformed and missing keys get the same message, so an answer never tells a prober which
 * part was wrong. A malformed key (wrong prefix or checksum, oversized, control characters) is refused
 * before it is hashed or looked up.
 */
export const invalidKeyMessage = 'Invalid API key.';

export function authenticate(catalog: Catalog, headers: IncomingHttpHeaders): LiveKey | GatewayError {
  const credential = presentedCredential(headers);
  if (credential === undefined) return new GatewayError('authentication_failed', invalidKeyMessage);
  const known = catalog.keyByVerifiedCredential(credential);
  if (known) return known;
  if (!isWellFormedKey(credential)) return new GatewayError('authentication_failed', invalidKeyMessage);
  const live = catalog.keyByHash(hashKey(credential));
  if (!live) return new GatewayError('authentication_failed', invalidKeyMessage);
  catalog.rememberVerifiedCredential(credential, live);
  return live;
}
