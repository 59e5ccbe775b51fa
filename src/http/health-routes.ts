import type { FastifyInstance } from 'fastify';

/** Liveness, readiness and the root that Claude Code probes with `HEAD /` at start (no credentials). */
export async function healthRoutes(app: FastifyInstance, { ping }: { ping: () => Promise<void> }) {
  app.get('/', async () => ({ name: 'Gatehouse', status: 'ok' }));
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    try {
      await ping();
      return { status: 'ready', storage: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', storage: 'unreachable' });
    }
  });
}
