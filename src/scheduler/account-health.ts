import type { FailureClass, UpstreamFailure } from '../errors/upstream-failure.js';

/** An account's condition as the admin API shows it. */
export type AccountCondition =
  | { state: 'healthy' }
  | { state: 'cooling-down'; until: number; reason: 'rate_limited' | 'overloaded' }
  | { state: 'circuit-open'; until: number; consecutiveFailures: number }
  | { state: 'half-open' }
  | { state: 'credential-invalid'; since: number; message: string }
  | { state: 'quota-exhausted'; since: number; until: number | null; message: string };

export interface HealthPolicy {
  rateLimitCooldownMs: number;
  overloadedCooldownMs: number;
  breakerFailureThreshold: number;
  breakerOpenMs: number;
}

interface Entry {
  condition: AccountCondition;
  consecutiveFailures: number;
  /** True while the single half-open probe request is in flight. */
  probing: boolean;
}

export type HealthListener = (accountId: string, condition: AccountCondition) => void;

const breakerClasses: ReadonlySet<FailureClass> = new Set(['server_error', 'connect_failed', 'timeout']);

/**
 * Per-account health: cooldowns after 429/529, a circuit breaker over server and connection failures
 * (open → half-open probe → closed), and the two states that need an operator or a stated reset
 * (credential invalid, quota exhausted). Pure state with the time passed in. In a cluster every change
 * is published (src/cluster/shared-account-health.ts) and applied by the other instances with `apply`,
 * so routing reads only this local copy.
 */
export function createAccountHealth(policy: HealthPolicy) {
  const entries = new Map<string, Entry>();
  const listeners: HealthListener[] = [];

  function entryOf(accountId: string): Entry {
    let entry = entries.get(accountId);
    if (!entry) {
      entry = { condition: { state: 'healthy' }, consecutiveFailures: 0, probing: false };
      entries.set(accountId, entry);
    }
    return entry;
  }

  function change(accountId: string, entry: Entry, condition: AccountCondition): void {
    entry.condition = condition;
    for (const listener of listeners) listener(accountId, condition);
  }

  /** The condition with expired timers applied (a cooldown that ended is healthy again). */
  function current(entry: Entry, now: number): AccountCondition {
    const { condition } = entry;
    if (condition.state === 'cooling-down' && condition.until <= now) return { state: 'healthy' };
    if (condition.state === 'circuit-open' && condition.until <= now) return { state: 'half-open' };
    if (condition.state === 'quota-exhausted' && condition.until !== null && condition.until <= now) {
      return { state: 'healthy' };
    }
    return condition;
  }

  function openCircuit(accountId: string, entry: Entry, now: number): void {
    entry.probing = false;
    change(accountId, entry, {
      state: 'circuit-open',
      until: now + policy.breakerOpenMs,
      consecutiveFailures: entry.consecutiveFailures,
    });
  }

  return {
    onChange(listener: HealthListener): void {
      listeners.push(listener);
    },

    describe(accountId: string, now: number): AccountCondition {
      const entry = entries.get(accountId);
      return entry ? current(entry, now) : { state: 'healthy' };
    },

    /** Whether a new request may go to this account now. A half-open account takes one probe at a time. */
    isAvailable(accountId: string, now: number): boolean {
      const entry = entries.get(accountId);
      if (!entry) return true;
      const condition = current(entry, now);
      if (condition.state === 'healthy') return true;
      return condition.state === 'half-open' && !entry.probing;
    },

    /** Called when a request is sent to the account; marks the half-open probe as taken. */
    noteAttempt(accountId: string, now: number): void {
      const entry = entries.get(accountId);
      if (entry && current(entry, now).state === 'half-open') entry.probing = true;
    },

    recordSuccess(accountId: string): void {
      const entry = entries.get(accountId);
      if (!entry) return;
      entry.consecutiveFailures = 0;
      entry.probing = false;
      if (entry.condition.state !== 'healthy') change(accountId, entry, { state: 'healthy' });
    },

    recordFailure(accountId: string, failure: UpstreamFailure, now: number): void {
      const entry = entryOf(accountId);
      const wasProbe = entry.probing;
      entry.probing = false;
      switch (failure.failureClass) {
        case 'rate_limited':
        case 'overloaded': {
          const fallback =
            failure.failureClass === 'rate_limited'
              ? policy.rateLimitCooldownMs
              : policy.overloadedCooldownMs;
          const until = now + (failure.retryAfterMs ?? fallback);
          change(accountId, entry, { state: 'cooling-down', until, reason: failure.failureClass });
          return;
        }
        case 'server_error':
        case 'connect_failed':
        case 'timeout':
          entry.consecutiveFailures += 1;
          if (wasProbe || entry.consecutiveFailures >= policy.breakerFailureThreshold)
            openCircuit(accountId, entry, now);
          return;
        case 'credential_invalid':
          change(accountId, entry, { state: 'credential-invalid', since: now, message: failure.message });
          return;
        case 'quota_exhausted': {
          const until = failure.retryAfterMs === undefined ? null : now + failure.retryAfterMs;
          change(accountId, entry, { state: 'quota-exhausted', since: now, until, message: failure.message });
          return;
        }
        case 'client_error':
          return;
        default: {
          const unhandled: never = failure.failureClass;
          throw new Error(`unhandled failure class ${String(unhandled)}`);
        }
      }
    },

    /**
     * A condition another instance of the cluster observed, taken as is. Listeners are not told: they
     * hear only what this instance observed itself, so a cluster announces (and alerts) each change once.
     */
    apply(accountId: string, condition: AccountCondition): void {
      if (condition.state === 'healthy') {
        entries.delete(accountId);
        return;
      }
      const entry = entryOf(accountId);
      entry.condition = condition;
      entry.probing = false;
      if (condition.state === 'circuit-open') entry.consecutiveFailures = condition.consecutiveFailures;
    },

    /** An operator cleared the account (new credential, manual reset): forget every failure. */
    reset(accountId: string): void {
      const entry = entries.get(accountId);
      if (entry) {
        entries.delete(accountId);
        if (entry.condition.state !== 'healthy')
          for (const listener of listeners) listener(accountId, { state: 'healthy' });
      }
    },

    isBreakerClass(failureClass: FailureClass): boolean {
      return breakerClasses.has(failureClass);
    },
  };
}

export type AccountHealth = ReturnType<typeof createAccountHealth>;
