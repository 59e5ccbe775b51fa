import type { IncomingHttpHeaders } from 'node:http';
import type { Dialect } from '../dialects/dialect.js';
import type { LiveAccount } from '../domain/account.js';
import type { UpstreamFailure } from '../errors/upstream-failure.js';

export type { Dialect };

/** What a caller asked for, in dialect-neutral terms, so providers map it to their own paths. */
export type Operation = 'generate' | 'count_tokens';

export interface UpstreamTarget {
  /** `scheme://host[:port]` — the key of the connection pool. */
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * An upstream account type: where requests go, how they are authenticated, and how its answers fail.
 * A provider never converts bodies; it speaks the dialects it lists, and translation (elsewhere)
 * bridges a caller whose dialect is not among them.
 */
export interface Provider {
  readonly type: string;
  /** The dialects this upstream speaks, preferred first. */
  readonly dialects: readonly Dialect[];
  readonly defaultBaseUrl: string;
  /** Human-readable hint shown when a base URL is wrong, e.g. the vendor's own convention. */
  readonly baseUrlConvention: string;
  /**
   * What goes on the wire, from the opened stored credential, when the two differ (a `claude-oauth`
   * account stores its whole token set and sends only the access token). The identity otherwise.
   */
  requestCredential?(storedCredential: string): string;
  /** Where one request in `dialect` goes; undefined when the upstream has no such endpoint. */
  target(
    account: LiveAccount,
    dialect: Dialect,
    operation: Operation,
    incomingHeaders: IncomingHttpHeaders,
    query: string,
    upstreamModel: string,
  ): UpstreamTarget | undefined;
  classifyFailure(
    status: number,
    headers: IncomingHttpHeaders,
    errorType: string | undefined,
    errorMessage: string,
    now: number,
  ): UpstreamFailure;
}
