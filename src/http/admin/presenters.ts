import { keyPrefix } from '../../access/key-format.js';
import { fieldsFromLimits } from '../../contracts/usage-limits.js';
import type { Account } from '../../domain/account.js';
import type { ApiKey } from '../../domain/api-key.js';
import type { UsageRecord } from '../../domain/usage-record.js';

const iso = (millis: number) => new Date(millis).toISOString();
const isoOrNull = (millis: number | null) => (millis === null ? null : iso(millis));

/** An account as the admin API returns it: the credential is never included. */
export function presentAccount(account: Account) {
  return {
    id: account.id,
    name: account.name,
    type: account.type,
    baseUrl: account.baseUrl,
    models: account.models.map((rule) => (rule.upstreamModel === undefined ? rule.name : rule)),
    priority: account.priority,
    weight: account.weight,
    concurrencyLimit: account.concurrencyLimit,
    group: account.group,
    enabled: account.enabled,
    createdAt: iso(account.createdAt),
    updatedAt: iso(account.updatedAt),
  };
}

/** A proxy URL for display: its password, if any, is never shown. */
export function maskProxyUrl(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

export function presentKey(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    userId: key.userId,
    keyPreview: `${keyPrefix}…${key.keySuffix}`,
    enabled: key.enabled,
    expiresAt: isoOrNull(key.expiresAt),
    allowedModels: key.allowedModels,
    deniedModels: key.deniedModels,
    ipAllowlist: key.ipAllowlist,
    group: key.group,
    tags: key.tags,
    allowedServices: key.allowedServices,
    allowedClients: key.allowedClients,
    ...fieldsFromLimits(key),
    createdAt: iso(key.createdAt),
    updatedAt: iso(key.updatedAt),
    deletedAt: isoOrNull(key.deletedAt),
  };
}

export function presentUsageRecord(record: UsageRecord) {
  return { ...record, createdAt: iso(record.createdAt) };
}
