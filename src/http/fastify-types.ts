import type { LiveKey } from '../access/live-key.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated Gatehouse key, set by the inference surfaces' onRequest hook. */
    gatehouseKey: LiveKey | null;
    /** performance.now() when the request arrived. */
    arrivedAt: number;
  }
}
