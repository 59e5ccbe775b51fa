import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { checkModelAccess } from '../access/key-policy.js';
import type { LiveKey } from '../access/live-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Operation } from '../providers/provider.js';
import { providerFor } from '../providers/registry.js';
import { exchangeWithAnthropic } from './anthropic-exchange.js';
import { buildUsageRecord } from './build-usage-record.js';
import { chooseRoute } from './choose-route.js';
import type { RelayServices } from './relay-services.js';
import { findTopLevelField, readStringValue, replaceValue } from './top-level-json-field.js';

export interface InboundCall {
  live: LiveKey;
  headers: IncomingHttpHeaders;
  /** The query string to pass on (`?beta=true` from Claude Code), or ''. */
  query: string;
  body: Buffer;
  clientFamily: string;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Date.now() when the request arrived. */
  createdAt: number;
}

/**
 * Same-dialect pass-through for an Anthropic caller: the body is forwarded as received, except for the
 * model name when the account renames it. Throws a GatewayError only while nothing has been written to
 * `response`; after that, failures are reported in the stream and in the usage record.
 */
export async function relayAnthropicCall(
  services: RelayServices,
  call: InboundCall,
  operation: Operation,
  response: ServerResponse,
): Promise<void> {
  const model = requireModel(call.body);
  const denied = checkModelAccess(call.live, model);
  if (denied) throw denied;
  const choice = chooseRoute(services, call.live, model);
  const account = choice.routable.account;
  const provider = providerFor(account.type);
  if (!provider) throw new GatewayError('internal', `No provider is registered for ${account.type}.`);
  const body = choice.upstreamModel === model ? call.body : renameModel(call.body, choice.upstreamModel);
  const target = provider.target(account, operation, call.headers, call.query);
  const releaseAccount = services.accountLoad.acquire(account.id);
  try {
    const result = await exchangeWithAnthropic(services.agent, target, body, response, [account.credential]);
    if (operation === 'messages') {
      const facts = {
        createdAt: call.createdAt,
        startedAt: call.startedAt,
        finishedAt: performance.now(),
        keyId: call.live.key.id,
        userId: call.live.key.userId,
        accountId: account.id,
        surface: 'anthropic',
        upstreamFormat: provider.dialect,
        model,
        upstreamModel: choice.upstreamModel,
        clientFamily: call.clientFamily,
      };
      services.usageWriter.enqueue(buildUsageRecord(facts, result));
    }
    if (result.failure) throw result.failure;
  } finally {
    releaseAccount();
  }
}

function requireModel(body: Buffer): string {
  const lookup = findTopLevelField(body, 'model');
  if (!lookup.found) {
    const message = lookup.malformed
      ? 'The request body is not a valid JSON object.'
      : 'model: Field required';
    throw new GatewayError('invalid_request', message);
  }
  const model = readStringValue(body, lookup.range);
  if (model === undefined || model.length === 0) {
    throw new GatewayError('invalid_request', 'model: Input should be a non-empty string');
  }
  return model;
}

function renameModel(body: Buffer, upstreamModel: string): Buffer {
  const lookup = findTopLevelField(body, 'model');
  return lookup.found ? replaceValue(body, lookup.range, upstreamModel) : body;
}
