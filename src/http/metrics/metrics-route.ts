import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface MetricsRouteOptions {
  registry: Registry;
  /** When set, scrapers must send `Authorization: Bearer <token>`; otherwise /metrics is public. */
  token: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus text format. Public by default, like most exporters (it carries no key
 * or user ids, only counts per surface, model and account); `metrics.token` puts it behind a Bearer
 * token, compared in constant time.
 */
export async function metricsRoute(app: FastifyInstance, { registry, token }: MetricsRouteOptions) {
  const expected = token === undefined ? undefined : digest(token);
  app.get(
    '/metrics',
    { config: { auth: 'public', docs: { summary: 'Prometheus metrics', tags: ['operations'] } } },
    async (request, reply) => {
      if (expected) {
        const header = request.headers.authorization ?? '';
        const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        if (!timingSafeEqual(digest(presented), expected)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="gatehouse-metrics"')
            .send({ error: { type: 'authentication_error', message: 'A valid metrics token is required.' } });
        }
      }
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
}
