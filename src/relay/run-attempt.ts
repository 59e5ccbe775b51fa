import type { ServerResponse } from 'node:http';
import { wireFor } from '../dialects/dialect-wire.js';
import type { LiveAccount } from '../domain/account.js';
import { isFailoverWorthy, type UpstreamFailure } from '../errors/upstream-failure.js';
import type { Dialect, Operation, Provider } from '../providers/provider.js';
import type { RouteChoice } from '../scheduler/select-account.js';
import type { AnswerHandler } from './answer-handlers.js';
import { classifyTransportFailure } from './classify-transport-failure.js';
import { countingStreams } from './counting-streams.js';
import type { RelayServices } from './relay-services.js';
import { type ExchangeResult, exchangeWithUpstream } from './upstream-exchange.js';

export interface AttemptResult {
  exchange: ExchangeResult;
  /** Set when the upstream failed before anything reached the caller. */
  failure: UpstreamFailure | undefined;
  /** Whether another account may take the request after this failure. */
  mayFailOver: boolean;
  /** performance.now() when the attempt ended. */
  finishedAt: number;
  /** The dialect the upstream spoke on this attempt. */
  upstreamDialect: Dialect;
  /** The account as last sent (with its renewed credential, when it was renewed). */
  account: LiveAccount;
}

type AttemptRequest = {
  headers: Parameters<Provider['target']>[3];
  query: string;
  /** The body in the upstream's dialect (already translated when the dialects differ). */
  body: Buffer;
  callerDialect: Dialect;
  upstreamDialect: Dialect;
  handler: AnswerHandler;
};

/**
 * One attempt on one account: take a concurrency slot, send, relay or collect the answer, and tell
 * the account's health and statistics how it went. A refused credential that can be renewed (an
 * expired OAuth access token) is renewed and the request sent once more on the same account: nothing
 * has reached the caller yet.
 */
export async function runAttempt(
  services: RelayServices,
  provider: Provider,
  choice: RouteChoice,
  operation: Operation,
  request: AttemptRequest,
  response: ServerResponse,
): Promise<AttemptResult> {
  const send = (account: LiveAccount) =>
    sendOnce(
      services,
      provider,
      { account, upstreamModel: choice.upstreamModel },
      operation,
      request,
      response,
    );
  let account = choice.routable.account;
  let sent = await send(account);
  let failure = failureOf(provider, sent.exchange, services.now());
  if (failure?.failureClass === 'credential_invalid') {
    const renewed = await services.renewCredential(account);
    if (renewed) {
      account = renewed;
      sent = await send(account);
      failure = failureOf(provider, sent.exchange, services.now());
    }
  }
  const finishedAt = performance.now();
  noteOutcome(services, account.id, sent.exchange, failure, sent.startedAt);
  return {
    exchange: sent.exchange,
    failure,
    mayFailOver: failure !== undefined && isFailoverWorthy(failure.failureClass),
    finishedAt,
    upstreamDialect: request.upstreamDialect,
    account,
  };
}

async function sendOnce(
  services: RelayServices,
  provider: Provider,
  route: { account: LiveAccount; upstreamModel: string },
  operation: Operation,
  request: AttemptRequest,
  response: ServerResponse,
): Promise<{ exchange: ExchangeResult; startedAt: number }> {
  const { account } = route;
  const dialect = request.upstreamDialect;
  const target = provider.target(
    account,
    dialect,
    operation,
    request.headers,
    request.query,
    route.upstreamModel,
  );
  if (!target) throw new Error(`${provider.type} has no ${dialect} ${operation} endpoint`);
  const releaseSlot = services.accountLoad.acquire(account.id);
  services.health.noteAttempt(account.id, services.now());
  const startedAt = performance.now();
  const streams = countingStreams(request.handler, services.activeStreams);
  try {
    const exchange = await exchangeWithUpstream(
      services.dispatchers.for(account),
      target,
      request.body,
      response,
      {
        headersTimeoutMs: services.upstream.headersTimeoutMs,
        bodyIdleTimeoutMs: services.upstream.bodyIdleTimeoutMs,
        totalTimeoutMs: services.upstream.totalTimeoutMs,
      },
      { upstream: wireFor(dialect), caller: wireFor(request.callerDialect) },
      streams.handler,
    );
    return { exchange, startedAt };
  } finally {
    streams.done();
    releaseSlot();
  }
}

function failureOf(provider: Provider, exchange: ExchangeResult, now: number): UpstreamFailure | undefined {
  if (exchange.clientAborted || exchange.delivered) return undefined;
  const answer = exchange.upstreamError;
  if (answer)
    return provider.classifyFailure(
      answer.status,
      answer.headers,
      answer.errorType,
      answer.errorMessage,
      now,
    );
  if (exchange.transportError !== undefined) {
    const error = classifyTransportFailure(exchange.transportError);
    return {
      failureClass: error.code === 'upstream_timeout' ? 'timeout' : 'connect_failed',
      message: error.message,
    };
  }
  return undefined;
}

function noteOutcome(
  services: RelayServices,
  accountId: string,
  exchange: ExchangeResult,
  failure: UpstreamFailure | undefined,
  startedAt: number,
): void {
  const now = services.now();
  if (failure) services.health.recordFailure(accountId, failure, now);
  else if (exchange.delivered && exchange.errorClass !== 'upstream_stream_broken')
    services.health.recordSuccess(accountId);
  const { usage } = exchange;
  services.stats.record(accountId, {
    ok: failure === undefined && exchange.errorClass === undefined,
    errorClass: failure?.failureClass ?? exchange.errorClass,
    message: failure?.message ?? exchange.errorClass,
    ttfbMs: exchange.headersAt === undefined ? null : exchange.headersAt - startedAt,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    at: now,
  });
}
