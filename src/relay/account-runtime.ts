import type { Dialect } from '../dialects/dialect.js';
import { wireFor } from '../dialects/dialect-wire.js';
import type { ObservedUsage } from '../dialects/observed-usage.js';
import type { LiveAccount } from '../domain/account.js';
import { providerFor } from '../providers/registry.js';
import type { AccountCondition } from '../scheduler/account-health.js';
import { timeOrderedId } from '../util/time-ordered-id.js';
import { classifyTransportFailure } from './classify-transport-failure.js';
import type { RelayServices } from './relay-services.js';
import { scrubSecrets } from './scrub-secrets.js';

export interface AccountTestResult {
  ok: boolean;
  status: number;
  latencyMs: number;
  model: string;
  message: string;
}

const testTimeoutMs = 30_000;

/** Times in the admin API are ISO 8601; the health module keeps epoch milliseconds. */
function presentCondition(condition: AccountCondition) {
  const iso = (millis: number) => new Date(millis).toISOString();
  switch (condition.state) {
    case 'cooling-down':
    case 'circuit-open':
      return { ...condition, until: iso(condition.until) };
    case 'credential-invalid':
      return { ...condition, since: iso(condition.since) };
    case 'quota-exhausted':
      return {
        ...condition,
        since: iso(condition.since),
        until: condition.until === null ? null : iso(condition.until),
      };
    default:
      return condition;
  }
}

/** What the admin API shows and does about accounts at run time: state, statistics, reset, test. */
export function createAccountRuntime(services: RelayServices) {
  return {
    status(accountId: string) {
      return {
        state: presentCondition(services.health.describe(accountId, services.now())),
        inFlight: services.accountLoad.current(accountId),
        stats: services.stats.snapshot(accountId),
      };
    },

    reset(accountId: string): void {
      services.health.reset(accountId);
    },

    /**
     * Sends a one-token request to the account and reports what happened. A success clears every
     * failure state (the credential evidently works); a failure is recorded like any other.
     */
    async test(account: LiveAccount, afterRenewal = false): Promise<AccountTestResult> {
      const provider = providerFor(account.type);
      const model = account.models.find((rule) => !rule.name.includes('*'));
      const upstreamModel = model?.upstreamModel ?? model?.name ?? 'claude-haiku-4-5';
      if (!provider)
        return {
          ok: false,
          status: 0,
          latencyMs: 0,
          model: upstreamModel,
          message: `unknown type ${account.type}`,
        };
      const dialect = provider.dialects[0] as Dialect;
      const target = provider.target(
        account,
        dialect,
        'generate',
        { 'content-type': 'application/json' },
        '',
        upstreamModel,
      );
      if (!target)
        return { ok: false, status: 0, latencyMs: 0, model: upstreamModel, message: 'no endpoint to test' };
      const body = JSON.stringify(pingBody(dialect, upstreamModel));
      const startedAt = performance.now();
      const createdAt = services.now();
      try {
        const answer = await services.dispatchers.for(account).request({
          origin: target.origin,
          path: target.path,
          method: 'POST',
          headers: target.headers,
          body,
          headersTimeout: testTimeoutMs,
          bodyTimeout: testTimeoutMs,
        });
        const text = await answer.body.text();
        const latencyMs = Math.round(performance.now() - startedAt);
        const parsed = parseJson(text);
        const wire = wireFor(dialect);
        const observed = wire.observeAnswer(isRecord(parsed) ? parsed : undefined);
        recordTestUsage(services, account, upstreamModel, answer.statusCode, observed, createdAt, latencyMs);
        if (answer.statusCode < 400) {
          services.health.reset(account.id);
          return {
            ok: true,
            status: answer.statusCode,
            latencyMs,
            model: observed.model ?? upstreamModel,
            message: 'ok',
          };
        }
        const errorMessage = scrubSecrets(errorMessageOf(parsed) ?? text.slice(0, 300), [account.credential]);
        const failure = provider.classifyFailure(
          answer.statusCode,
          answer.headers,
          observed.errorType,
          errorMessage,
          services.now(),
        );
        // As on the request path: a refused credential that can be renewed is renewed and tried again.
        if (failure.failureClass === 'credential_invalid' && !afterRenewal) {
          const renewed = await services.renewCredential(account);
          if (renewed) return this.test(renewed, true);
        }
        services.health.recordFailure(account.id, failure, services.now());
        return {
          ok: false,
          status: answer.statusCode,
          latencyMs,
          model: upstreamModel,
          message: errorMessage,
        };
      } catch (error) {
        const gatewayError = classifyTransportFailure(error);
        const failureClass = gatewayError.code === 'upstream_timeout' ? 'timeout' : 'connect_failed';
        services.health.recordFailure(
          account.id,
          { failureClass, message: gatewayError.message },
          services.now(),
        );
        const latencyMs = Math.round(performance.now() - startedAt);
        return { ok: false, status: 0, latencyMs, model: upstreamModel, message: gatewayError.message };
      }
    },
  };
}

export type AccountRuntime = ReturnType<typeof createAccountRuntime>;

function recordTestUsage(
  services: RelayServices,
  account: LiveAccount,
  model: string,
  status: number,
  observed: ObservedUsage,
  createdAt: number,
  durationMs: number,
): void {
  const answeredBy = observed.model ?? model;
  void services.usageWriter.enqueue({
    id: timeOrderedId(createdAt),
    createdAt,
    keyId: null,
    userId: null,
    accountId: account.id,
    surface: 'account-test',
    upstreamFormat: null,
    model,
    upstreamModel: answeredBy,
    inputTokens: observed.inputTokens,
    outputTokens: observed.outputTokens,
    cacheReadTokens: observed.cacheReadTokens,
    cacheWriteTokens: observed.cacheWriteTokens,
    cacheWrite1hTokens: observed.cacheWrite1hTokens,
    cost: services.prices.costOf([answeredBy, model], observed, createdAt),
    charged: false,
    status,
    errorClass: observed.errorType ?? null,
    stream: false,
    partial: false,
    estimated: observed.estimated,
    ttfbMs: null,
    durationMs,
    clientFamily: 'gatehouse',
    upstreamRequestId: null,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorMessageOf(parsed: unknown): string | undefined {
  const error =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { error?: { message?: unknown } }).error
      : undefined;
  return typeof error?.message === 'string' ? error.message : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The smallest request each dialect accepts (Responses requires at least 16 output tokens). */
function pingBody(dialect: Dialect, model: string): Record<string, unknown> {
  switch (dialect) {
    case 'anthropic':
      return { model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] };
    case 'openai-chat':
      return { model, max_completion_tokens: 1, messages: [{ role: 'user', content: 'ping' }] };
    case 'openai-responses':
      return { model, max_output_tokens: 16, input: 'ping', store: false };
    default: {
      const unknownDialect: never = dialect;
      throw new Error(`no ping for ${String(unknownDialect)}`);
    }
  }
}
