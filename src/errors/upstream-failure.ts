/**
 * What went wrong with one upstream attempt, as the scheduler needs to know it. Each provider maps its
 * vendor's answers to these classes in one function; the scheduler and the retry loop read only the
 * class, never status codes or messages.
 */
export type FailureClass =
  /** 429: the account hit its rate limit; cool it down until the stated reset. */
  | 'rate_limited'
  /** 529 or 503: the upstream is overloaded; short cooldown. */
  | 'overloaded'
  /** 500, 502, 504 and other 5xx: counts towards the account's circuit breaker. */
  | 'server_error'
  /** Connection refused or reset before an answer: counts towards the breaker. */
  | 'connect_failed'
  /** No answer in time: counts towards the breaker. */
  | 'timeout'
  /** 401/403: the account's credential is refused; the account waits for an operator. */
  | 'credential_invalid'
  /** Out of credit or over a spend limit: flagged until the stated reset or an operator clears it. */
  | 'quota_exhausted'
  /** The request itself is at fault (400, 404, 413…): relayed to the caller, the account is fine. */
  | 'client_error';

export interface UpstreamFailure {
  failureClass: FailureClass;
  /** When the upstream says the account can be used again (ms from now), if it says. */
  retryAfterMs?: number | undefined;
  /** A short description for the operator (never containing credentials). */
  message: string;
}

/** Whether another account may be tried for the same request after this failure. */
export function isFailoverWorthy(failureClass: FailureClass): boolean {
  return failureClass !== 'client_error';
}
