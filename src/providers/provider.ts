import type { IncomingHttpHeaders } from 'node:http';
import type { LiveAccount } from '../domain/account.js';

/** The wire formats Gatehouse speaks; a provider speaks exactly one of them. */
export type Dialect = 'anthropic';

/** What a caller asked for, in dialect-neutral terms, so providers map it to their own paths. */
export type Operation = 'messages' | 'count_tokens';

export interface UpstreamTarget {
  /** `scheme://host[:port]` — the key of the connection pool. */
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * An upstream account type: where requests go and how they are authenticated. A provider never
 * converts bodies; translation between dialects happens before it is called.
 */
export interface Provider {
  readonly type: string;
  readonly dialect: Dialect;
  readonly defaultBaseUrl: string;
  /** Human-readable hint shown when a base URL is wrong, e.g. the vendor's own convention. */
  readonly baseUrlConvention: string;
  target(
    account: LiveAccount,
    operation: Operation,
    incomingHeaders: IncomingHttpHeaders,
    query: string,
  ): UpstreamTarget;
}
