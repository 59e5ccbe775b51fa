import type { ApiKey } from '../domain/api-key.js';
import { compileIpAllowlist, type IpMatcher } from './ip-allowlist.js';
import { compileModelList, type ModelMatcher } from './model-pattern.js';

/** A key as the request path uses it: policy compiled once, counters kept beside it. */
export interface LiveKey {
  readonly key: ApiKey;
  /** The SHA-256 the key is indexed by. */
  readonly keyHash: string;
  readonly allowsModel: ModelMatcher;
  readonly allowsIp: IpMatcher;
}

export function compileLiveKey(key: ApiKey, keyHash: string): LiveKey {
  const allowed = key.allowedModels.length > 0 ? compileModelList(key.allowedModels) : () => true;
  const denied = compileModelList(key.deniedModels);
  return {
    key,
    keyHash,
    allowsModel: (model) => allowed(model) && !denied(model),
    allowsIp: compileIpAllowlist(key.ipAllowlist),
  };
}
