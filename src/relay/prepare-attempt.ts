import type { Dialect } from '../dialects/dialect.js';
import { wireFor } from '../dialects/dialect-wire.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Provider } from '../providers/provider.js';
import { translateRequest } from '../translation/index.js';
import { type AnswerHandler, passThroughHandler, translatingHandler } from './answer-handlers.js';
import type { PreparedBody } from './request-stream-usage.js';
import { replaceValue, type ValueRange } from './top-level-json-field.js';

export interface PreparedAttempt {
  upstreamDialect: Dialect;
  body: Buffer;
  handler: AnswerHandler;
}

/** The caller's request, read once and shared by every attempt of it. */
export interface CallerRequest {
  dialect: Dialect;
  prepared: PreparedBody;
  model: { name: string; range: ValueRange };
  /** The parsed body, made on first need (only translation needs it). */
  parsed(): unknown;
}

export function callerRequest(
  dialect: Dialect,
  prepared: PreparedBody,
  model: { name: string; range: ValueRange },
): CallerRequest {
  let parsed: unknown;
  let done = false;
  return {
    dialect,
    prepared,
    model,
    parsed() {
      if (!done) {
        try {
          parsed = JSON.parse(prepared.body.toString('utf8'));
        } catch {
          throw new GatewayError('invalid_request', 'The request body is not valid JSON.');
        }
        done = true;
      }
      return parsed;
    },
  };
}

/**
 * How one attempt on one account goes: pass-through when the account speaks the caller's dialect (the
 * body forwarded as received, but for a model rename), otherwise translated through the canonical form
 * into the account's preferred dialect, with a handler that translates the answer back.
 */
export function prepareAttempt(
  caller: CallerRequest,
  provider: Provider,
  upstreamModel: string,
): PreparedAttempt {
  if (provider.dialects.includes(caller.dialect)) {
    const { body } = caller.prepared;
    return {
      upstreamDialect: caller.dialect,
      body:
        upstreamModel === caller.model.name ? body : replaceValue(body, caller.model.range, upstreamModel),
      handler: passThroughHandler(wireFor(caller.dialect), caller.prepared.dropEvent),
    };
  }
  const upstreamDialect = provider.dialects[0] as Dialect;
  const translated = translateRequest(caller.dialect, upstreamDialect, caller.parsed()).result;
  const body = { ...(translated as Record<string, unknown>), model: upstreamModel };
  return {
    upstreamDialect,
    body: Buffer.from(JSON.stringify(body)),
    handler: translatingHandler(upstreamDialect, caller.dialect, callerWantsStreamUsage(caller)),
  };
}

/** A Chat Completions caller gets a usage chunk only when it asked for one; other dialects always do. */
function callerWantsStreamUsage(caller: CallerRequest): boolean {
  if (caller.dialect !== 'openai-chat') return true;
  const body = caller.parsed() as { stream_options?: { include_usage?: unknown } } | null;
  return body?.stream_options?.include_usage === true && caller.prepared.dropEvent === undefined;
}
