import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkModelAccess } from '../access/key-policy.js';
import type { LiveKey } from '../access/live-key.js';
import { wireFor } from '../dialects/dialect-wire.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ChargedUsage } from '../limits/request-limits.js';
import type { Dialect, Operation } from '../providers/provider.js';
import { providerFor } from '../providers/registry.js';
import type { RouteChoice } from '../scheduler/select-account.js';
import { estimateOutputTokens, estimatePromptTokens } from '../usage/estimate-prompt-tokens.js';
import { buildUsageRecord } from './build-usage-record.js';
import { chooseRoute } from './choose-route.js';
import { classifyTransportFailure } from './classify-transport-failure.js';
import { conversationKey } from './conversation-key.js';
import { type CallerRequest, callerRequest, prepareAttempt } from './prepare-attempt.js';
import type { RelayServices } from './relay-services.js';
import { requestStreamUsage } from './request-stream-usage.js';
import { type RouteRequest, readRoutingHint } from './routing-hint.js';
import { type AttemptResult, runAttempt } from './run-attempt.js';
import { findTopLevelField, readStringValue, type ValueRange } from './top-level-json-field.js';
import { writeUpstreamError } from './upstream-error-response.js';

export interface InboundCall {
  /** The dialect the caller speaks. */
  dialect: Dialect;
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
  /** Told what the request's charged usage record holds, to settle budgets (limits/request-limits.ts). */
  onCharged?: (usage: ChargedUsage) => void;
  /** Called when an attempt's usage record is made. */
  onRecorded?: () => void;
}

/**
 * Same-dialect pass-through: the caller's body is forwarded as received, except for the
 * model name when the account renames it. A failure before the first byte reaches the caller is retried
 * on another eligible account (bounded by attempts and a deadline, with jittered backoff); after that,
 * failures end the stream with an error event. Throws a GatewayError only while nothing was written.
 */
export async function relayCall(
  services: RelayServices,
  call: InboundCall,
  operation: Operation,
  response: ServerResponse,
): Promise<void> {
  const prepared = call.dialect === 'openai-chat' ? requestStreamUsage(call.body) : { body: call.body };
  const requested = requireModel(prepared.body);
  const caller = callerRequest(call.dialect, prepared, { name: requested.model, range: requested.range });
  const route = readRoutingHint(requested.model, call.headers);
  const denied = checkModelAccess(call.live, route.model);
  if (denied) throw denied;
  if (operation === 'count_tokens' && (await answeredLocally(services, call, route, response))) return;
  const conversation =
    operation === 'generate' ? conversationKey(call.live.key.id, call.headers, call.body) : undefined;
  if (conversation) await services.sticky.prefetch(conversation, services.now());
  const tried = new Set<string>();
  const { maxAttempts, retryDeadlineMs, retryBackoffMs } = services.scheduling;
  let last: { choice: RouteChoice; attempt: AttemptResult } | undefined;
  // An attempt's usage record is held until it is known whether another attempt follows: only then is
  // it clear whether it was the request's final (charged) attempt or a failed one another account took over.
  const recordLast = async (charged: boolean) => {
    if (last && operation === 'generate')
      await recordAttempt(services, call, route.model, last.choice, last.attempt, charged);
  };
  for (let attemptIndex = 0; attemptIndex < maxAttempts; attemptIndex += 1) {
    const choice = chooseRoute(services, {
      live: call.live,
      request: route,
      conversation,
      tried,
      requireDialect: operation === 'count_tokens' ? call.dialect : undefined,
    });
    if (!choice) break;
    await recordLast(false);
    tried.add(choice.routable.account.id);
    const provider = providerFor(choice.routable.account.type);
    if (!provider)
      throw new GatewayError('internal', `No provider is registered for ${choice.routable.account.type}.`);
    const planned = prepareAttempt(caller, provider, choice.upstreamModel);
    const attempt = await runAttempt(
      services,
      provider,
      choice,
      operation,
      { headers: call.headers, query: call.query, ...planned, callerDialect: call.dialect },
      response,
    );
    if (!attempt.failure && conversation)
      services.sticky.set(conversation, choice.routable.account.id, services.now());
    last = { choice, attempt };
    const retrying =
      attempt.mayFailOver &&
      attemptIndex + 1 < maxAttempts &&
      !response.destroyed &&
      performance.now() - call.startedAt < retryDeadlineMs;
    if (!retrying) break;
    await sleep(backoffMs(retryBackoffMs, attemptIndex, services.random));
  }
  if (last && operation === 'generate') await estimateMissingUsage(last.attempt, caller);
  await recordLast(true);
  if (last?.attempt.failure)
    deliverFailure(
      last.attempt,
      response,
      [last.choice.routable.account.credential, last.attempt.account.credential],
      call.dialect,
    );
  else if (!last)
    throw new GatewayError('no_upstream_available', 'No upstream account could take the request.', {
      retryAfterSeconds: 1,
    });
}

/** Exponential, with ±50% jitter so that many callers retrying at once spread out. */
function backoffMs(baseMs: number, attemptIndex: number, random: () => number): number {
  return baseMs * 2 ** attemptIndex * (0.5 + random());
}

/** The last attempt failed before anything reached the caller: answer with what the upstream said. */
function deliverFailure(
  attempt: AttemptResult,
  response: ServerResponse,
  secrets: readonly string[],
  dialect: Dialect,
): void {
  const { exchange } = attempt;
  if (exchange.upstreamError) {
    writeUpstreamError(response, exchange.upstreamError, secrets, wireFor(dialect), attempt.upstreamDialect);
    return;
  }
  throw classifyTransportFailure(exchange.transportError);
}

function recordAttempt(
  services: RelayServices,
  call: InboundCall,
  model: string,
  choice: RouteChoice,
  attempt: AttemptResult,
  final: boolean,
): Promise<void> | undefined {
  const account = choice.routable.account;
  const facts = {
    createdAt: call.createdAt,
    startedAt: call.startedAt,
    finishedAt: attempt.finishedAt,
    keyId: call.live.key.id,
    userId: call.live.key.userId,
    accountId: account.id,
    surface: call.dialect,
    upstreamFormat: attempt.upstreamDialect,
    model,
    upstreamModel: choice.upstreamModel,
    clientFamily: call.clientFamily,
    // A failed attempt that another account then takes over is recorded but never charged.
    charged: final,
  };
  const record = buildUsageRecord(facts, attempt.exchange, services.prices, attempt.failure);
  call.onRecorded?.();
  if (final && call.onCharged) {
    const tokens =
      record.inputTokens + record.outputTokens + record.cacheReadTokens + record.cacheWriteTokens;
    call.onCharged({ tokens, cost: record.cost });
  }
  // Resolves at once unless the usage queue is full: then this relay waits for room (backpressure).
  return services.usageWriter.enqueue(record);
}

function requireModel(body: Buffer): { model: string; range: ValueRange } {
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
  // Model names are routed, logged and stored: control characters (PostgreSQL refuses NUL in text)
  // and absurd lengths are refused here rather than failing later in the usage writer.
  if (model.length > 256 || hasControlCharacter(model)) {
    throw new GatewayError(
      'invalid_request',
      'model: Input should be a model name without control characters',
    );
  }
  return { model, range: lookup.range };
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * `count_tokens` is never translated: when only accounts of another dialect serve the model, the count
 * is estimated locally (rounded up, see estimate-prompt-tokens.ts) instead of refused.
 */
async function answeredLocally(
  services: RelayServices,
  call: InboundCall,
  route: RouteRequest,
  response: ServerResponse,
): Promise<boolean> {
  const query = { live: call.live, request: route, conversation: undefined, tried: new Set<string>() };
  try {
    chooseRoute(services, { ...query, requireDialect: call.dialect });
    return false;
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== 'not_found') throw error;
  }
  // Throws the right 404/503 when no account at all serves the model.
  chooseRoute(services, { ...query, requireDialect: undefined });
  let body: unknown;
  try {
    body = JSON.parse(call.body.toString('utf8'));
  } catch {
    throw new GatewayError('invalid_request', 'The request body is not valid JSON.');
  }
  const inputTokens = await estimatePromptTokens(body);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ input_tokens: inputTokens }));
  return true;
}

/**
 * Tokens an upstream used but did not report are counted locally and the record is marked estimated,
 * never left at zero: the prompt of an answer without usage (some OpenAI-compatible servers, a stream
 * cut short before OpenAI's final usage chunk, a caller gone before any answer), and the output a stream
 * cut short had relayed (SPEC §6: a disconnect is never a free request).
 */
async function estimateMissingUsage(attempt: AttemptResult, caller: CallerRequest): Promise<void> {
  const { usage, delivered, status, relayed, clientAborted } = attempt.exchange;
  if (relayed) {
    const counted = await estimateOutputTokens(relayed, attempt.upstreamDialect);
    if (counted > usage.outputTokens) {
      usage.outputTokens = counted;
      usage.estimated = true;
    }
  }
  const answered = delivered && status < 400;
  const abandoned = clientAborted && status === 0;
  if (!(answered || abandoned) || usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens > 0)
    return;
  usage.inputTokens = await estimatePromptTokens(caller.parsed());
  usage.estimated = true;
}
