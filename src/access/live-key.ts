import type { Dialect } from '../dialects/dialect.js';
import type { ApiKey, KeyService } from '../domain/api-key.js';
import { compileLimitPlan, type LimitPlan } from '../limits/limit-plan.js';
import type { UserPolicy } from '../limits/usage-limits.js';
import { compileIpAllowlist, type IpMatcher } from './ip-allowlist.js';
import { compileModelList, type ModelMatcher } from './model-pattern.js';

/** The owner of a key as the request path sees it. */
export interface LiveOwner {
  userId: string;
  enabled: boolean;
  policy: UserPolicy;
}

/** A key as the request path uses it: policy compiled once, its owner's folded in. */
export interface LiveKey {
  readonly key: ApiKey;
  /** The SHA-256 the key is indexed by. */
  readonly keyHash: string;
  readonly owner: LiveOwner | undefined;
  /** The key's model rules intersected with its owner's. */
  readonly allowsModel: ModelMatcher;
  readonly allowsIp: IpMatcher;
  readonly allowsService: (dialect: Dialect) => boolean;
  readonly allowsClient: (clientFamily: string) => boolean;
  /** Rate, concurrency and budget limits of the key and its owner; `empty` when none applies. */
  readonly limits: LimitPlan;
}

/** Which service permission each inbound dialect needs. */
const serviceOfDialect: Record<Dialect, KeyService> = {
  anthropic: 'claude',
  'openai-chat': 'openai',
  'openai-responses': 'openai',
};

function compileModelRules(allowedModels: readonly string[], deniedModels: readonly string[]): ModelMatcher {
  const allowed = allowedModels.length > 0 ? compileModelList(allowedModels) : () => true;
  const denied = compileModelList(deniedModels);
  return (model) => allowed(model) && !denied(model);
}

export function compileLiveKey(key: ApiKey, keyHash: string, owner?: LiveOwner): LiveKey {
  const keyModels = compileModelRules(key.allowedModels, key.deniedModels);
  const ownerModels = owner
    ? compileModelRules(owner.policy.allowedModels, owner.policy.deniedModels)
    : undefined;
  const services = new Set(key.allowedServices);
  const clients = new Set(key.allowedClients);
  return {
    key,
    keyHash,
    owner,
    allowsModel: ownerModels ? (model) => keyModels(model) && ownerModels(model) : keyModels,
    allowsIp: compileIpAllowlist(key.ipAllowlist),
    allowsService: services.has('all') ? () => true : (dialect) => services.has(serviceOfDialect[dialect]),
    allowsClient: clients.size === 0 ? () => true : (family) => clients.has(family),
    limits: compileLimitPlan(key, owner),
  };
}
