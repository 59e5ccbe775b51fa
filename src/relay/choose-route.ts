import type { LiveKey } from '../access/live-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import { pickByPriorityAndWeight, type RouteChoice, routeCandidates } from '../scheduler/select-account.js';
import type { RelayServices } from './relay-services.js';

/** Picks the account for one request, or says why none can take it (404 unknown model, 503 all busy). */
export function chooseRoute(services: RelayServices, live: LiveKey, model: string): RouteChoice {
  const accounts = services.catalog.accounts();
  const group = live.key.group;
  const candidates = routeCandidates(accounts, model, group, (routable) =>
    services.accountLoad.hasCapacity(routable),
  );
  const choice = pickByPriorityAndWeight(candidates, services.random);
  if (choice) return choice;
  const servedAtAll = routeCandidates(accounts, model, group, () => true).length > 0;
  if (servedAtAll) {
    return throwError(
      new GatewayError('no_upstream_available', 'Every upstream account for this model is busy.', {
        retryAfterSeconds: 1,
      }),
    );
  }
  return throwError(new GatewayError('not_found', `The model ${JSON.stringify(model)} is not available.`));
}

function throwError(error: GatewayError): never {
  throw error;
}
