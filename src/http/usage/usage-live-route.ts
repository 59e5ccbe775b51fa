import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { LiveUsageEvent, LiveUsageFeed } from '../../usage/live-usage-feed.js';
import { presentUsageRecord } from '../admin/presenters.js';

export interface UsageLiveRouteOptions {
  feed: LiveUsageFeed;
  heartbeatMs: number;
}

function formatEvent(event: LiveUsageEvent): string {
  const data =
    event.type === 'request'
      ? presentUsageRecord(event.record)
      : { ...event.totals, minute: new Date(event.totals.minute).toISOString() };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /admin/api/usage/live`: Server-Sent Events of the requests this instance records (`request`,
 * the same JSON as /admin/api/usage/records) and per-minute totals (`minute`), starting with the
 * recent ones; a comment line every `heartbeatMs` keeps proxies from closing an idle stream. Open
 * streams are ended when the server closes, so they never hold up a graceful shutdown.
 */
export async function usageLiveRoute(app: FastifyInstance, { feed, heartbeatMs }: UsageLiveRouteOptions) {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
  });
  app.get(
    '/admin/api/usage/live',
    {
      config: {
        auth: 'admin',
        docs: { summary: 'Live feed (SSE) of recorded requests and per-minute totals', tags: ['usage'] },
      },
    },
    (_request, reply) => {
      const response = reply.raw;
      reply.hijack();
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      response.write(`retry: 5000\n\n${feed.snapshot().map(formatEvent).join('')}`);
      const unsubscribe = feed.subscribe((events) => response.write(events.map(formatEvent).join('')));
      const heartbeat = setInterval(
        () => response.write(`: heartbeat ${new Date().toISOString()}\n\n`),
        heartbeatMs,
      );
      open.add(response);
      response.once('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(response);
      });
    },
  );
}
