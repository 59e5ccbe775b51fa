import { describe, expect, it } from 'vitest';
import type { FailureClass } from '../errors/upstream-failure.js';
import { createAccountHealth } from './account-health.js';

const policy = {
  rateLimitCooldownMs: 60_000,
  overloadedCooldownMs: 10_000,
  breakerFailureThreshold: 3,
  breakerOpenMs: 30_000,
};
const failure = (failureClass: FailureClass, retryAfterMs?: number) => ({
  failureClass,
  retryAfterMs,
  message: failureClass,
});

describe('account health', () => {
  it('cools an account down for the stated retry-after, then makes it available again', () => {
    const health = createAccountHealth(policy);
    health.recordFailure('a', failure('rate_limited', 7000), 1000);
    expect(health.isAvailable('a', 1000)).toBe(false);
    expect(health.describe('a', 7999)).toEqual({
      state: 'cooling-down',
      until: 8000,
      reason: 'rate_limited',
    });
    expect(health.isAvailable('a', 8000)).toBe(true);
    expect(health.describe('a', 8000)).toEqual({ state: 'healthy' });
  });

  it.each([
    ['rate_limited', 60_000],
    ['overloaded', 10_000],
  ] as const)('uses the configured cooldown for %s without a stated reset', (failureClass, cooldown) => {
    const health = createAccountHealth(policy);
    health.recordFailure('a', failure(failureClass), 0);
    expect(health.isAvailable('a', cooldown - 1)).toBe(false);
    expect(health.isAvailable('a', cooldown)).toBe(true);
  });

  it('opens the circuit after consecutive failures, lets one probe through, and closes on success', () => {
    const health = createAccountHealth(policy);
    health.recordFailure('a', failure('server_error'), 0);
    health.recordFailure('a', failure('connect_failed'), 0);
    expect(health.isAvailable('a', 0)).toBe(true);
    health.recordFailure('a', failure('timeout'), 0);
    expect(health.describe('a', 0)).toMatchObject({ state: 'circuit-open', until: 30_000 });
    expect(health.isAvailable('a', 29_999)).toBe(false);
    expect(health.isAvailable('a', 30_000)).toBe(true);
    health.noteAttempt('a', 30_000);
    expect(health.isAvailable('a', 30_001)).toBe(false);
    health.recordSuccess('a');
    expect(health.describe('a', 30_002)).toEqual({ state: 'healthy' });
  });

  it('reopens the circuit when the half-open probe fails', () => {
    const health = createAccountHealth(policy);
    for (let i = 0; i < 3; i += 1) health.recordFailure('a', failure('server_error'), 0);
    health.noteAttempt('a', 30_000);
    health.recordFailure('a', failure('server_error'), 30_000);
    expect(health.describe('a', 30_000)).toMatchObject({ state: 'circuit-open', until: 60_000 });
  });

  it('resets the failure count on success', () => {
    const health = createAccountHealth(policy);
    health.recordFailure('a', failure('server_error'), 0);
    health.recordFailure('a', failure('server_error'), 0);
    health.recordSuccess('a');
    health.recordFailure('a', failure('server_error'), 0);
    health.recordFailure('a', failure('server_error'), 0);
    expect(health.isAvailable('a', 0)).toBe(true);
  });

  it('keeps a credential-invalid account out until an operator resets it, and tells listeners', () => {
    const health = createAccountHealth(policy);
    const seen: string[] = [];
    health.onChange((id, condition) => seen.push(`${id}:${condition.state}`));
    health.recordFailure('a', failure('credential_invalid'), 0);
    expect(health.isAvailable('a', 10 ** 12)).toBe(false);
    health.reset('a');
    expect(health.isAvailable('a', 0)).toBe(true);
    expect(seen).toEqual(['a:credential-invalid', 'a:healthy']);
  });

  it('flags an exhausted quota until the stated reset, or until an operator clears it', () => {
    const health = createAccountHealth(policy);
    health.recordFailure('a', failure('quota_exhausted', 5000), 0);
    expect(health.isAvailable('a', 4999)).toBe(false);
    expect(health.isAvailable('a', 5000)).toBe(true);
    health.recordFailure('b', failure('quota_exhausted'), 0);
    expect(health.isAvailable('b', 10 ** 12)).toBe(false);
  });

  it('does not penalise the account for client errors', () => {
    const health = createAccountHealth(policy);
    for (let i = 0; i < 10; i += 1) health.recordFailure('a', failure('client_error'), 0);
    expect(health.describe('a', 0)).toEqual({ state: 'healthy' });
  });
});
