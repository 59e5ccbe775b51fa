import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../access/authenticate.js';
import { keyPrefix } from '../../access/key-format.js';
import type { UsageTotals } from '../../db/repositories/key-usage-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { calendarWindow } from '../../limits/calendar-window.js';
import { remainingBudgets } from '../../limits/remaining-budgets.js';
import type { AdminServices } from '../admin/admin-services.js';
import { documented } from '../route-options.js';

/** Lookups per client address per minute: enough for a stats page, too few to guess keys. */
export const keyLookupsPerMinute = 30;

const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

function withTokens(totals: UsageTotals) {
  const tokens = totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  return { ...totals, tokens };
}

/**
 * `GET /api/public/key-usage`: anyone holding a key sees that key's own standing, without logging in.
 * The route is `public` and checks the key itself (not the `key` policy), so a disabled or expired key
 * can still see why it stopped working; the IP allowlist and client rules do not apply to reading.
 * Rate-limited per client address before the key is even looked at.
 */
export async function publicKeyUsageRoutes(
  app: FastifyInstance,
  {
    services,
    clientAddress,
  }: {
    services: AdminServices;
    clientAddress: (ip: string, forwardedFor: string | string[] | undefined) => string;
  },
) {
  const { store, timeZone } = services.limits;

  async function admitLookup(request: FastifyRequest, at: number): Promise<void> {
    const ip = clientAddress(request.ip, request.headers['x-forwarded-for']);
    const decision = await store.admitRequest(
      [{ counter: `public-key-usage:ip:${ip}`, limit: keyLookupsPerMinute, windowMs: 60_000 }],
      at,
    );
    if (!decision.admitted) {
      throw new GatewayError('rate_limited', `At most ${keyLookupsPerMinute} key lookups a minute.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
      });
    }
  }

  app.get(
    '/api/public/key-usage',
    documented(
      'public',
      'public',
      'The presented key’s own usage and remaining quota (key in Authorization: Bearer or x-api-key)',
    ),
    async (request) => {
      const at = services.now();
      await admitLookup(request, at);
      const live = authenticate(services.catalog, request.headers);
      if (live instanceof GatewayError) throw live;
      const { key } = live;
      const [today, month, budgets] = await Promise.all([
        services.keyUsage.totalsSince(key.id, calendarWindow('day', at, timeZone).start),
        services.keyUsage.totalsSince(key.id, calendarWindow('month', at, timeZone).start),
        remainingBudgets(store, live.limits.budgets, at, timeZone),
      ]);
      return {
        name: key.name,
        keyPreview: `${keyPrefix}…${key.keySuffix}`,
        enabled: key.enabled,
        expiresAt: iso(key.expiresAt),
        expired: key.expiresAt !== null && key.expiresAt <= at,
        usage: { today: withTokens(today), month: withTokens(month) },
        rpmLimit: live.limits.requestWindows.map((window) => ({
          scope: window.counter.startsWith('rpm:user:') ? 'user' : 'key',
          limit: window.limit,
        })),
        budgets,
      };
    },
  );
}
