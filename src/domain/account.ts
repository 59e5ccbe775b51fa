/** One model an account serves: `name` is what callers ask for (exact or a `*` pattern). */
export interface AccountModelRule {
  name: string;
  /** The model name the upstream expects, when it differs from the caller's (a rename). */
  upstreamModel?: string;
}

/** An upstream account as the admin API shows it: never with its credential. */
export interface Account {
  id: string;
  name: string;
  type: string;
  baseUrl: string;
  models: AccountModelRule[];
  priority: number;
  weight: number;
  concurrencyLimit: number | null;
  group: string | null;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The in-memory form used on the request path, with the decrypted credential and proxy. */
export interface LiveAccount extends Account {
  credential: string;
  /** Outbound proxy (`http://`, `https://`, `socks5://`), with its credentials, or null for direct. */
  proxyUrl: string | null;
  /** Extra request headers sent upstream with every request of this account. */
  extraHeaders: Record<string, string>;
}
