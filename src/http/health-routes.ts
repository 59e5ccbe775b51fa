import type { FastifyInstance } from 'fastify';
import type { ClusterStatus } from '../cluster/cluster-mode.js';

export interface HealthRoutesOptions {
  ping: () => Promise<void>;
  cluster: () => ClusterStatus;
  /** Usage records waiting for the database (they pile up while it is unreachable). */
  usageBacklog: () => number;
}

/**
 * Liveness and readiness (no credentials). `/` itself, which Claude Code probes, is the console's.
 * `/health` says the process runs; `/ready` answers 503 while anything it depends on is unreachable,
 * naming what in `degraded` (proxying may still continue: see the README's failure behaviour).
 */
export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions) {
  app.get('/health', { config: { auth: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { auth: 'public' } }, async (_request, reply) => {
    const storage = await options.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    const cluster = options.cluster();
    const degraded = [
      ...(storage === 'ok' ? [] : ['storage']),
      ...(cluster.redis === 'unreachable' ? ['redis'] : []),
    ];
    const body = {
      status: degraded.length === 0 ? 'ready' : 'degraded',
      degraded,
      storage,
      redis: cluster.redis,
      leader: cluster.leader,
      instanceId: cluster.instanceId,
      degradedOperations: cluster.degradedOperations,
      usageBacklog: options.usageBacklog(),
    };
    return reply.code(degraded.length === 0 ? 200 : 503).send(body);
  });
}
