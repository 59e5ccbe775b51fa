import type { FastifyInstance } from 'fastify';

/** Liveness and readiness (no credentials). `/` itself, which Claude Code probes, is the console's. */
export async function healthRoutes(app: FastifyInstance, { ping }: { ping: () => Promise<void> }) {
  app.get('/health', { config: { auth: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { auth: 'public' } }, async (_request, reply) => {
    try {
      await ping();
      return { status: 'ready', storage: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', storage: 'unreachable' });
    }
  });
}
