import type { FastifyInstance } from 'fastify';
import { priceOverrideBodySchema } from '../../contracts/admin-prices.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { completePrice } from '../../usage/complete-price.js';
import type { EffectivePrice } from '../../usage/price-book.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

const isoOrNull = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

function presentPrice(price: EffectivePrice) {
  return {
    model: price.model,
    input: price.input,
    output: price.output,
    cacheWrite5m: price.cacheWrite5m,
    cacheWrite1h: price.cacheWrite1h,
    cacheRead: price.cacheRead,
    longContext: price.longContext ?? null,
    source: price.source,
    effectiveFrom: isoOrNull(price.effectiveFrom),
  };
}

function requireModelName(model: string): string {
  if (model.length === 0 || model.length > 256 || /\p{Cc}/u.test(model))
    throw new GatewayError('invalid_request', 'model: must be a model name without control characters');
  return model;
}

/**
 * `/admin/api/prices`: the prices in effect (USD per million tokens), and per-model overrides. An
 * override is a new version effective from `effectiveFrom` (default now); records already written keep
 * the cost they were written with.
 */
export async function pricesRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { prices, now } = services;

  app.get('/admin/api/prices', { config: { auth: 'admin' } }, async () => ({
    prices: prices.list().map(presentPrice),
    overrides: prices.history().map((version) => ({
      id: version.id,
      model: version.model,
      price: version.price,
      effectiveFrom: new Date(version.effectiveFrom).toISOString(),
      createdAt: new Date(version.createdAt).toISOString(),
    })),
  }));

  app.put<{ Params: { model: string } }>(
    '/admin/api/prices/:model',
    { config: { auth: 'admin' } },
    async (request) => {
      const model = requireModelName(request.params.model);
      const { effectiveFrom, ...given } = parseBody(priceOverrideBodySchema, request.body);
      const at = effectiveFrom === undefined ? now() : new Date(effectiveFrom).getTime();
      await prices.setOverride(completePrice(model, given, prices.basePrice(model)), at);
      const effective = prices.priceAt(model, Math.max(at, now()));
      return presentPrice(effective as EffectivePrice);
    },
  );

  app.delete<{ Params: { model: string } }>(
    '/admin/api/prices/:model',
    { config: { auth: 'admin' } },
    async (request, reply) => {
      const model = requireModelName(request.params.model);
      if (!prices.history().some((version) => version.model === model))
        throw new GatewayError('not_found', 'No price override exists for this model.');
      await prices.removeOverride(model, now());
      return reply.code(204).send();
    },
  );
}
