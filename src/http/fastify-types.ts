import type { LiveKey } from '../access/live-key.js';
import type { Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated Gatehouse key, set by the inference surfaces' onRequest hook. */
    gatehouseKey: LiveKey | null;
    /** performance.now() when the request arrived. */
    arrivedAt: number;
    /**
     * Who is calling: set by the route's policy guard (http/auth/route-policy.ts); a key holder's is
     * derived from `gatehouseKey` when read; anonymous otherwise.
     */
    principal: Principal;
  }
}
