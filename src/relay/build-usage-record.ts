import type { UsageRecord } from '../domain/usage-record.js';
import type { UpstreamFailure } from '../errors/upstream-failure.js';
import type { PriceBook } from '../usage/price-book.js';
import { timeOrderedId } from '../util/time-ordered-id.js';
import { classifyTransportFailure } from './classify-transport-failure.js';
import type { ExchangeResult } from './upstream-exchange.js';

export interface AttemptFacts {
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  keyId: string | null;
  userId: string | null;
  accountId: string;
  surface: string;
  upstreamFormat: string;
  model: string;
  upstreamModel: string;
  clientFamily: string;
  charged: boolean;
}

/** The status nginx made common for a caller that went away before the upstream answered. */
const clientClosedRequest = 499;

/** One usage record from what an attempt observed; cost is fixed now, at today's prices. */
export function buildUsageRecord(
  facts: AttemptFacts,
  result: ExchangeResult,
  prices: Pick<PriceBook, 'costOf'>,
  failure?: UpstreamFailure,
): UsageRecord {
  const { usage } = result;
  const answeredBy = usage.model ?? facts.upstreamModel;
  // An upstream that never answered is recorded with the status the caller would see for it.
  const status =
    result.status === 0 && result.transportError !== undefined
      ? classifyTransportFailure(result.transportError).status
      : result.status === 0 && result.clientAborted
        ? clientClosedRequest
        : result.status;
  return {
    id: timeOrderedId(facts.createdAt),
    createdAt: facts.createdAt,
    keyId: facts.keyId,
    userId: facts.userId,
    accountId: facts.accountId,
    surface: facts.surface,
    upstreamFormat: facts.upstreamFormat,
    model: facts.model,
    upstreamModel: answeredBy,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    cacheWrite1hTokens: usage.cacheWrite1hTokens,
    // Priced as the model that answered, else as the one routed to or asked for, at today's prices.
    cost: prices.costOf([answeredBy, facts.upstreamModel, facts.model], usage, facts.createdAt),
    charged: facts.charged,
    status,
    errorClass: result.errorClass ?? failure?.failureClass ?? null,
    stream: result.streamed,
    partial: result.clientAborted,
    estimated: usage.estimated,
    ttfbMs: result.headersAt === undefined ? null : Math.round(result.headersAt - facts.startedAt),
    durationMs: Math.round(facts.finishedAt - facts.startedAt),
    clientFamily: facts.clientFamily,
    upstreamRequestId: result.upstreamRequestId ?? null,
  };
}
