import type { UsageRecord } from '../domain/usage-record.js';
import { computeCost } from '../usage/compute-cost.js';
import { timeOrderedId } from '../util/time-ordered-id.js';
import type { ExchangeResult } from './anthropic-exchange.js';

export interface AttemptFacts {
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  keyId: string;
  userId: string | null;
  accountId: string;
  surface: string;
  upstreamFormat: string;
  model: string;
  upstreamModel: string;
  clientFamily: string;
}

/** One usage record from what an exchange observed; cost is fixed now, at today's prices. */
export function buildUsageRecord(facts: AttemptFacts, result: ExchangeResult): UsageRecord {
  const { usage } = result;
  const answeredBy = usage.model ?? facts.upstreamModel;
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
    cost: computeCost(answeredBy, usage),
    charged: true,
    status: result.status,
    errorClass: result.errorClass ?? null,
    stream: result.streamed,
    partial: result.clientAborted,
    ttfbMs: result.headersAt === undefined ? null : Math.round(result.headersAt - facts.startedAt),
    durationMs: Math.round(facts.finishedAt - facts.startedAt),
    clientFamily: facts.clientFamily,
    upstreamRequestId: result.upstreamRequestId ?? null,
  };
}
