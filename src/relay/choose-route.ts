import type { LiveKey } from '../access/live-key.js';
import type { Dialect } from '../dialects/dialect.js';
import { GatewayError } from '../errors/gateway-error.js';
import { providerFor } from '../providers/registry.js';
import { pickByPriorityAndWeight, type RouteChoice, routeCandidates } from '../scheduler/select-account.js';
import type { RoutableAccount } from '../state/catalog.js';
import type { RelayServices } from './relay-services.js';
import type { RouteRequest } from './routing-hint.js';

export interface RouteQuery {
  live: LiveKey;
  request: RouteRequest;
  /** The conversation's sticky-session key, when the operation has conversations. */
  conversation: string | undefined;
  /** Accounts already tried for this request. */
  tried: ReadonlySet<string>;
  /** Only accounts whose provider speaks this dialect (operations that are never translated). */
  requireDialect: Dialect | undefined;
}

/**
 * Picks the account for one attempt: the conversation's sticky account while it is eligible, otherwise
 * the lowest priority tier of eligible accounts, weighted at random. Returns undefined when every
 * eligible account was tried already; on a first attempt, says why no account can take the request
 * (403 wrong group, 404 unknown model, 503 all unavailable, with when to retry).
 */
export function chooseRoute(services: RelayServices, query: RouteQuery): RouteChoice | undefined {
  const now = services.now();
  const group = effectiveGroup(query.live, query.request);
  const accounts = services.catalog.accounts();
  const { model, type } = query.request;
  const speaks = (routable: RoutableAccount) =>
    query.requireDialect === undefined ||
    providerFor(routable.account.type)?.dialects.includes(query.requireDialect) === true;
  const eligible = (routable: RoutableAccount) =>
    !query.tried.has(routable.account.id) &&
    speaks(routable) &&
    (type === null || routable.account.type === type) &&
    services.health.isAvailable(routable.account.id, now) &&
    services.accountLoad.hasCapacity(routable);
  const sticky = query.conversation
    ? stickyChoice(services, query.conversation, model, group, eligible)
    : undefined;
  const choice =
    sticky ?? pickByPriorityAndWeight(routeCandidates(accounts, model, group, eligible), services.random);
  if (choice || query.tried.size > 0) return choice;
  const serving = routeCandidates(
    accounts,
    model,
    group,
    (r) => (type === null || r.account.type === type) && speaks(r),
  );
  if (serving.length === 0)
    throw new GatewayError('not_found', `The model ${JSON.stringify(model)} is not available.`);
  throw new GatewayError(
    'no_upstream_available',
    'No upstream account for this model can take a request now.',
    {
      retryAfterSeconds: secondsUntilAvailable(services, serving, now),
    },
  );
}

function effectiveGroup(live: LiveKey, request: RouteRequest): string | null {
  const bound = live.key.group ?? live.owner?.policy.group ?? null;
  if (bound !== null && request.group !== null && request.group !== bound) {
    throw new GatewayError(
      'permission_denied',
      `This API key may only use the account group ${JSON.stringify(bound)}.`,
    );
  }
  return bound ?? request.group;
}

function stickyChoice(
  services: RelayServices,
  conversation: string,
  model: string,
  group: string | null,
  eligible: (routable: RoutableAccount) => boolean,
): RouteChoice | undefined {
  const accountId = services.sticky.get(conversation, services.now());
  if (accountId === undefined) return undefined;
  const routable = services.catalog.accounts().find((candidate) => candidate.account.id === accountId);
  if (!routable || (group !== null && routable.account.group !== group) || !eligible(routable))
    return undefined;
  const upstreamModel = routable.upstreamModelFor(model);
  return upstreamModel === undefined ? undefined : { routable, upstreamModel };
}

/** The soonest moment one of the serving accounts comes out of a cooldown or open circuit. */
function secondsUntilAvailable(
  services: RelayServices,
  serving: readonly RouteChoice[],
  now: number,
): number {
  let soonest = Number.POSITIVE_INFINITY;
  for (const { routable } of serving) {
    const condition = services.health.describe(routable.account.id, now);
    if (condition.state === 'cooling-down' || condition.state === 'circuit-open')
      soonest = Math.min(soonest, condition.until);
  }
  return Number.isFinite(soonest) ? Math.max(1, Math.ceil((soonest - now) / 1000)) : 1;
}
