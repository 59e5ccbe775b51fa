import type { RoutableAccount } from '../state/catalog.js';

export interface RouteChoice {
  readonly routable: RoutableAccount;
  readonly upstreamModel: string;
}

/**
 * Accounts that can serve `model` for a key bound to `group` (or any group), each with the model name
 * the upstream expects. Pure: the caller supplies the accounts and the live load.
 */
export function routeCandidates(
  accounts: readonly RoutableAccount[],
  model: string,
  group: string | null,
  hasCapacity: (routable: RoutableAccount) => boolean,
): RouteChoice[] {
  const candidates: RouteChoice[] = [];
  for (const routable of accounts) {
    if (group !== null && routable.account.group !== group) continue;
    const upstreamModel = routable.upstreamModelFor(model);
    if (upstreamModel === undefined || !hasCapacity(routable)) continue;
    candidates.push({ routable, upstreamModel });
  }
  return candidates;
}

/** The lowest priority number wins; within that tier, a weighted random choice spreads the load. */
export function pickByPriorityAndWeight(candidates: readonly RouteChoice[], random: () => number) {
  if (candidates.length === 0) return undefined;
  let best = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) best = Math.min(best, candidate.routable.account.priority);
  const tier = candidates.filter((candidate) => candidate.routable.account.priority === best);
  if (tier.length === 1) return tier[0];
  const total = tier.reduce((sum, candidate) => sum + candidate.routable.account.weight, 0);
  let ticket = random() * total;
  for (const candidate of tier) {
    ticket -= candidate.routable.account.weight;
    if (ticket < 0) return candidate;
  }
  return tier[tier.length - 1];
}
