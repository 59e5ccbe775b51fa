import { isValidIpOrCidr } from '../../access/ip-allowlist.js';
import type { KeyCreateInput, KeyUpdateInput } from '../../contracts/admin-keys.js';
import { limitsFromFields, type UsageLimitFields } from '../../contracts/usage-limits.js';
import type { KeyChanges } from '../../db/repositories/keys-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { noPeriodLimits, type UsageLimits } from '../../limits/usage-limits.js';

export function requireValidIps(entries: readonly string[] | undefined): void {
  const invalid = entries?.filter((entry) => !isValidIpOrCidr(entry)) ?? [];
  if (invalid.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `ipAllowlist: not an IP address or CIDR range: ${invalid.join(', ')}`,
    );
  }
}

const toMillis = (iso: string | null) => (iso === null ? null : Date.parse(iso));

const limitFieldNames = [
  'rpmLimit',
  'concurrencyLimit',
  'hourlyTokenLimit',
  'dailyTokenLimit',
  'weeklyTokenLimit',
  'monthlyTokenLimit',
  'hourlyCostLimit',
  'dailyCostLimit',
  'weeklyCostLimit',
  'monthlyCostLimit',
  'totalBudget',
] as const satisfies ReadonlyArray<keyof UsageLimitFields>;

/** Splits validated API input into the flat non-limit fields and the limit fields. */
function splitLimits<T extends Partial<UsageLimitFields>>(input: T) {
  const rest: Record<string, unknown> = { ...input };
  const limits: Partial<UsageLimitFields> = {};
  for (const name of limitFieldNames) {
    if (input[name] !== undefined) limits[name] = input[name];
    delete rest[name];
  }
  return { rest: rest as Omit<T, keyof UsageLimitFields>, limits };
}

/** A create body as the repository stores it (everything but id, hash and suffix). */
export function keyFromCreateInput(input: KeyCreateInput) {
  const { rest, limits } = splitLimits(input);
  const parsed = limitsFromFields(limits);
  const full: UsageLimits = {
    rpmLimit: parsed.rpmLimit ?? null,
    concurrencyLimit: parsed.concurrencyLimit ?? null,
    totalBudget: parsed.totalBudget ?? null,
    tokenLimits: { ...noPeriodLimits, ...parsed.tokenLimits },
    costLimits: { ...noPeriodLimits, ...parsed.costLimits },
  };
  return { ...rest, ...full, expiresAt: toMillis(input.expiresAt) };
}

export function keyChangesFromUpdateInput(input: KeyUpdateInput): KeyChanges {
  const { rest, limits } = splitLimits(input);
  const { expiresAt, ...other } = rest;
  const changes: KeyChanges = { ...other, ...(limitsFromFields(limits) as KeyChanges) };
  if (expiresAt !== undefined) changes.expiresAt = toMillis(expiresAt);
  return changes;
}
