import type { LiveKey } from '../../access/live-key.js';
import type { RelayServices } from '../../relay/relay-services.js';
import { anthropicPrices } from '../../usage/price-table.js';

interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

/**
 * `GET /v1/models` in Anthropic's list format: the models this key may use on the accounts it may
 * reach. Accounts that list exact names contribute those; accounts that serve patterns contribute the
 * known Claude models (from the price table) that their patterns match.
 */
export function listAnthropicModels(services: RelayServices, live: LiveKey) {
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
  const data: AnthropicModelInfo[] = [...models].map(([id, createdAt]) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: new Date(createdAt).toISOString(),
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
