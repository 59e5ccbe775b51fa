import { compileLiveKey, type LiveKey, type LiveOwner } from '../access/live-key.js';
import { compileModelPattern, isPattern, type ModelMatcher } from '../access/model-pattern.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { AccountsRepository, StoredAccount } from '../db/repositories/accounts-repository.js';
import type { KeysRepository } from '../db/repositories/keys-repository.js';
import type { UserPoliciesRepository } from '../db/repositories/user-policies-repository.js';
import type { LiveAccount } from '../domain/account.js';
import { providerFor } from '../providers/registry.js';
import { type ChangeNotices, localChangeNotices } from './change-notices.js';

/** An enabled account as the router sees it, with its model rules compiled. */
export interface RoutableAccount {
  readonly account: LiveAccount;
  /** The upstream model name for a requested model, or undefined when the account does not serve it. */
  upstreamModelFor(model: string): string | undefined;
  /** Exact model names this account lists (patterns excluded), for model listings. */
  readonly listedModels: readonly string[];
}

interface Snapshot {
  keysByHash: ReadonlyMap<string, LiveKey>;
  /**
   * Presented credentials already verified against this snapshot, so a repeat caller skips the
   * checksum and the SHA-256. Only known keys enter it, one entry per key at most, so its size is
   * bounded by the key count; it is dropped with the snapshot on every change.
   */
  keysByCredential: Map<string, LiveKey>;
  accounts: readonly RoutableAccount[];
}

/** The change-notice topic of everything the catalog holds. */
export const catalogTopic = 'catalog';

/**
 * Everything the request path reads, held in memory and rebuilt whole after every change made through
 * the admin API, so no request ever queries the database. A rebuild swaps one reference, so a request
 * sees either the old or the new snapshot, never a mix.
 *
 * `reload()` is the one hook every change goes through: it rebuilds this instance's snapshot and
 * announces the change, so the other instances of a cluster rebuild theirs (`refresh()`) too.
 */
export function createCatalog(deps: {
  keys: KeysRepository;
  accounts: AccountsRepository;
  userPolicies: UserPoliciesRepository;
  secrets: SecretBox;
  changes?: ChangeNotices;
}) {
  const changes = deps.changes ?? localChangeNotices;
  let snapshot: Snapshot = { keysByHash: new Map(), keysByCredential: new Map(), accounts: [] };

  async function refresh(): Promise<void> {
    const [keys, accounts, policies] = await Promise.all([
      deps.keys.listLive(),
      deps.accounts.list(),
      deps.userPolicies.list(),
    ]);
    const owners = new Map<string, LiveOwner>(policies.map((row) => [row.userId, row]));
    snapshot = {
      keysByHash: new Map(
        keys.map((key) => [
          key.keyHash,
          compileLiveKey(key, key.keyHash, key.userId === null ? undefined : owners.get(key.userId)),
        ]),
      ),
      keysByCredential: new Map(),
      accounts: accounts
        .filter((account) => account.enabled)
        .map((account) => compileAccount(openStoredAccount(account, deps.secrets))),
    };
  }

  async function reload(): Promise<void> {
    await refresh();
    changes.announce(catalogTopic);
  }

  changes.onRemote(catalogTopic, refresh);

  return {
    /** After a change made here: rebuild, then tell the other instances. */
    reload,
    /** Rebuild only (another instance made the change, or reconciliation found one). */
    refresh,
    keyByHash(hash: string): LiveKey | undefined {
      return snapshot.keysByHash.get(hash);
    },
    keyByVerifiedCredential(credential: string): LiveKey | undefined {
      return snapshot.keysByCredential.get(credential);
    },
    rememberVerifiedCredential(credential: string, live: LiveKey): void {
      // Only if the key still belongs to the current snapshot (a reload may have happened meanwhile).
      if (snapshot.keysByHash.get(live.keyHash) === live) snapshot.keysByCredential.set(credential, live);
    },
    accounts(): readonly RoutableAccount[] {
      return snapshot.accounts;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;

/** A stored account with its sealed credential (as sent upstream), proxy and extra headers opened for use. */
export function openStoredAccount(stored: StoredAccount, secrets: SecretBox): LiveAccount {
  const { credentialSealed, proxySealed, extraHeadersSealed, ...account } = stored;
  const opened = secrets.open(credentialSealed);
  const requestCredential = providerFor(stored.type)?.requestCredential;
  return {
    ...account,
    credential: requestCredential ? requestCredential(opened) : opened,
    proxyUrl: proxySealed === null ? null : secrets.open(proxySealed),
    extraHeaders:
      extraHeadersSealed === null
        ? {}
        : (JSON.parse(secrets.open(extraHeadersSealed)) as Record<string, string>),
  };
}

export function compileAccount(account: LiveAccount): RoutableAccount {
  // No model rules means the account serves whatever is asked (the upstream answers unknown ones).
  if (account.models.length === 0) {
    return { account, upstreamModelFor: (model) => model, listedModels: [] };
  }
  const rules: Array<{ matches: ModelMatcher; upstreamModel: string | undefined }> = account.models.map(
    (rule) => ({
      matches: compileModelPattern(rule.name),
      upstreamModel: rule.upstreamModel,
    }),
  );
  return {
    account,
    upstreamModelFor(model) {
      const rule = rules.find((candidate) => candidate.matches(model));
      return rule ? (rule.upstreamModel ?? model) : undefined;
    },
    listedModels: account.models.map((rule) => rule.name).filter((name) => !isPattern(name)),
  };
}
