import type { SecretBox } from '../../crypto/secret-box.js';
import type { AccountsRepository } from '../../db/repositories/accounts-repository.js';
import type { ApplicationsRepository } from '../../db/repositories/applications-repository.js';
import type { KeyUsageRepository } from '../../db/repositories/key-usage-repository.js';
import type { KeysRepository } from '../../db/repositories/keys-repository.js';
import type { UsageQueryRepository } from '../../db/repositories/usage-query-repository.js';
import type { UsageRepository } from '../../db/repositories/usage-repository.js';
import type { UserPoliciesRepository } from '../../db/repositories/user-policies-repository.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';
import type { LimitStore } from '../../limits/limit-store.js';
import type { NotificationSettingsStore } from '../../notify/notification-settings-store.js';
import type { Notifier } from '../../notify/notifier.js';
import type { ClaudeOAuthLogin } from '../../oauth/claude-oauth-login.js';
import type { AccountRuntime } from '../../relay/account-runtime.js';
import type { Catalog } from '../../state/catalog.js';
import type { LiveUsageFeed } from '../../usage/live-usage-feed.js';
import type { PriceBook } from '../../usage/price-book.js';
import type { UsageRollups } from '../../usage/rollups/usage-rollups.js';
import type { UsageWriter } from '../../usage/usage-writer.js';
import type { AuthServices } from '../auth/auth-services.js';
import type { LoginCodeServices } from '../auth/code-login-routes.js';

export interface AdminServices {
  accounts: AccountsRepository;
  keys: KeysRepository;
  users: UsersRepository;
  userPolicies: UserPoliciesRepository;
  usage: UsageRepository;
  applications: ApplicationsRepository;
  /** One key's usage totals (the public key lookup). */
  keyUsage: KeyUsageRepository;
  usageWriter: UsageWriter;
  /**
   * Resolves once every finished request's usage record is committed (records of relays whose answer
   * went out but that are still counting tokens included): the usage read APIs wait for it.
   */
  usageSettled(): Promise<void>;
  /** Recent requests and per-minute totals for the live feed (usage/live-usage-feed.ts). */
  liveFeed: LiveUsageFeed;
  liveHeartbeatMs: number;
  prices: PriceBook;
  rollups: UsageRollups;
  usageQuery: UsageQueryRepository;
  timeZone: string;
  secrets: SecretBox;
  catalog: Catalog;
  /** Live account state, statistics, reset and test (see relay/account-runtime.ts). */
  runtime: AccountRuntime;
  /** Mail and webhook notifications (see notify/notifier.ts). */
  notifier: Notifier;
  /** The channels the notifier uses: the config file's, or those an admin saved. */
  notificationSettings: NotificationSettingsStore;
  /** Claude subscription logins (OAuth PKCE) for `claude-oauth` accounts. */
  claudeOAuth: ClaudeOAuthLogin;
  /** Sessions, login, the principal resolver (http/auth/). */
  auth: AuthServices;
  /** One-time login codes and the quotas on asking for them (http/auth/code-login-routes.ts). */
  loginCodes: LoginCodeServices;
  /** The limit counters the request path keeps (read for remaining budgets), and their time zone. */
  limits: { store: LimitStore; timeZone: string };
  now: () => number;
}
