/** What the admin API answers, as far as the console reads it (extra fields pass through unused). */
export interface ApiKeyView {
  id: string;
  name: string;
  userId: string | null;
  keyPreview: string;
  enabled: boolean;
  expiresAt: string | null;
  allowedModels: string[];
  deniedModels: string[];
  ipAllowlist: string[];
  rpmLimit: number | null;
  concurrencyLimit: number | null;
  group: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string | null;
}

export interface CreatedKey extends ApiKeyView {
  key: string;
}

export interface AccountStats {
  requests: number;
  successes: number;
  errors: Record<string, number>;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
  ttfbMsP50: number | null;
  ttfbMsP95: number | null;
  lastError: { errorClass: string; message: string; at: string | number } | null;
}

export interface AccountView {
  id: string;
  name: string;
  type: string;
  baseUrl: string;
  models: Array<string | { name: string; upstreamModel?: string }>;
  priority: number;
  weight: number;
  concurrencyLimit: number | null;
  group: string | null;
  enabled: boolean;
  proxyUrl: string | null;
  extraHeaders: string[];
  createdAt: string;
  updatedAt: string;
  state: { state: string; until?: string | null; reason?: string | null } | string;
  inFlight: number;
  stats?: Partial<AccountStats>;
}

export interface ProviderView {
  type: string;
  dialects: string[];
  defaultBaseUrl: string;
  baseUrlConvention: string;
}

export interface UsageRecordView {
  id: string;
  createdAt: string;
  keyId: string | null;
  userId: string | null;
  accountId: string | null;
  surface: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
  status: number;
  errorClass: string | null;
  stream: boolean;
  durationMs: number;
  ttfbMs: number | null;
  clientFamily: string;
}
