import type { LiveKey } from '../../access/live-key.js';
import type { RelayServices } from '../../relay/relay-services.js';
import { anthropicPrices } from '../../usage/price-table.js';

/**
 * The models a key may use on the accounts it may reach. Accounts that list exact names contribute
 * those; accounts that serve patterns contribute the known models (from the price table) that their
 * patterns match.
 */
function availableModels(services: RelayServices, live: LiveKey): Map<string, number> {
  const known = anthropicPrices.map((price) => price.model);
  const models = new Map<string, number>();
  for (const routable of services.catalog.accounts()) {
    if (live.key.group !== null && routable.account.group !== live.key.group) continue;
    const names = [
      ...routable.listedModels,
      ...known.filter((name) => routable.upstreamModelFor(name) !== undefined),
    ];
    for (const name of names) {
      if (live.allowsModel(name) && !models.has(name)) models.set(name, routable.account.createdAt);
    }
  }
  return models;
}

/** `GET /v1/models` in the caller's format: Anthropic's paged list, or OpenAI's `{object:"list"}`. */
export function listModels(services: RelayServices, live: LiveKey, format: 'anthropic' | 'openai') {
  const models = [...availableModels(services, live)];
  if (format === 'openai') {
    return {
      object: 'list',
      data: models.map(([id, createdAt]) => ({
        id,
        object: 'model',
        created: Math.floor(createdAt / 1000),
        owned_by: 'gatehouse',
      })),
    };
  }
  const data = models.map(([id, createdAt]) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: new Date(createdAt).toISOString(),
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
