import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Types are kept portable between SQLite and PostgreSQL: times are
 * epoch milliseconds (integer/bigint), booleans are 0/1 integers, lists are JSON text. Repositories
 * convert rows to domain objects, so nothing above db/ sees these shapes.
 */
export interface UsersTable {
  id: string;
  username: string;
  role: 'admin' | 'user';
  password_hash: string | null;
  enabled: number;
  email: string | null;
  display_name: string | null;
  /** User-level limits and model rules shared by all the user's keys (JSON, limits/usage-limits.ts). */
  policy: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id: the id itself exists only in the caller's cookie. */
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute expiry; the idle expiry is counted from last_seen_at. */
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface AdminTokensTable {
  id: string;
  name: string;
  token_hash: string;
  token_suffix: string;
  scopes: string;
  user_id: string | null;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: string;
  created_at: number;
  actor_kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_token_id: string | null;
  action: string;
  method: string;
  route: string;
  target_id: string | null;
  summary: string | null;
  ip: string | null;
  status: number;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  user_id: string | null;
  key_hash: string;
  key_suffix: string;
  enabled: number;
  expires_at: number | null;
  allowed_models: string;
  denied_models: string;
  ip_allowlist: string;
  rpm_limit: number | null;
  concurrency_limit: number | null;
  group_name: string | null;
  tags: string;
  allowed_services: string;
  allowed_clients: string;
  /** `{ tokens: { hour, day, week, month }, cost: { … } }` as JSON. */
  window_limits: string;
  total_budget: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface ApplicationsTable {
  id: string;
  user_id: string;
  kind: string;
  status: string;
  request: string;
  reason: string;
  reviewer_comment: string | null;
  reviewed_by: string | null;
  created_at: number;
  updated_at: number;
  decided_at: number | null;
}

export interface AccountsTable {
  id: string;
  name: string;
  type: string;
  base_url: string;
  credential_sealed: string;
  proxy_sealed: string | null;
  extra_headers_sealed: string | null;
  models: string;
  priority: number;
  weight: number;
  concurrency_limit: number | null;
  group_name: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface UsageRecordsTable {
  id: string;
  created_at: number;
  key_id: string | null;
  user_id: string | null;
  account_id: string | null;
  surface: string;
  upstream_format: string | null;
  model: string;
  upstream_model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cache_write_1h_tokens: number;
  cost: number;
  charged: number;
  status: number;
  error_class: string | null;
  stream: number;
  partial: number;
  estimated: number;
  ttfb_ms: number | null;
  duration_ms: number;
  client_family: string;
  upstream_request_id: string | null;
}

/** One row (id `default`): channels an admin saved; JSON text with secrets sealed, null = off. */
export interface NotificationSettingsTable {
  id: string;
  smtp: string | null;
  webhook: string | null;
  updated_at: number;
}

export interface LoginCodesTable {
  user_id: string;
  code_hash: string;
  expires_at: number;
  failed_attempts: number;
  created_at: number;
}

export interface PriceOverridesTable {
  id: string;
  model: string;
  /** JSON of the model's prices (see usage/price-table.ts); null when the override was removed. */
  prices: string | null;
  effective_from: number;
  created_at: number;
}

export interface UsageRollupsTable {
  granularity: 'hour' | 'day';
  bucket_start: number;
  key_id: string;
  user_id: string;
  model: string;
  account_id: string;
  client_family: string;
  surface: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost: number;
  duration_ms_sum: number;
  ttfb_ms_sum: number;
  ttfb_count: number;
}

export interface UsageRollupStateTable {
  name: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  accounts: AccountsTable;
  usage_records: UsageRecordsTable;
  notification_settings: NotificationSettingsTable;
  login_codes: LoginCodesTable;
  sessions: SessionsTable;
  admin_tokens: AdminTokensTable;
  audit_log: AuditLogTable;
  applications: ApplicationsTable;
  price_overrides: PriceOverridesTable;
  usage_rollups: UsageRollupsTable;
  usage_rollup_state: UsageRollupStateTable;
}
