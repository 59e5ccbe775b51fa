import type { onRequestHookHandler } from 'fastify';
import { authenticate } from '../../access/authenticate.js';
import { clientFamilyOf } from '../../access/client-family.js';
import { checkKeyAccess } from '../../access/key-policy.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { RelayServices } from '../../relay/relay-services.js';

/**
 * The onRequest enforcement of the `key` policy: a Gatehouse API key, enabled, unexpired, allowed from
 * this address (trusted proxies honoured) and this client. Callback style, not async (an async hook costs a promise per request on the hottest
 * path), and no allocation beyond the lookup; `request.principal` is derived from the key only when read.
 * Also stamps the arrival time the relay measures latency from.
 */
export function keyGuard(
  services: Pick<RelayServices, 'catalog' | 'now' | 'clientAddress'>,
): onRequestHookHandler {
  return function requireKey(request, _reply, done) {
    request.arrivedAt = performance.now();
    const live = authenticate(services.catalog, request.headers);
    if (live instanceof GatewayError) return done(live);
    const clientIp = services.clientAddress(request.ip, request.headers['x-forwarded-for']);
    const clientFamily = clientFamilyOf(request.headers['user-agent']);
    const refused = checkKeyAccess(live, { clientIp, clientFamily }, services.now());
    if (refused) return done(refused);
    request.gatehouseKey = live;
    done();
  };
}
