/**
 * Every error Gatehouse itself answers with. A stable code, the HTTP status a client of any API family
 * expects for it, and whether trying another upstream account could help. Each inbound surface renders
 * these in its own dialect's envelope; the scheduler reads `retryable`, never the message.
 */
export const gatewayErrorCodes = {
  invalid_request: { status: 400, retryable: false },
  authentication_failed: { status: 401, retryable: false },
  permission_denied: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  request_timeout: { status: 408, retryable: false },
  request_too_large: { status: 413, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  rate_limited: { status: 429, retryable: false },
  headers_too_large: { status: 431, retryable: false },
  internal: { status: 500, retryable: false },
  upstream_failed: { status: 502, retryable: true },
  no_upstream_available: { status: 503, retryable: true },
  /** The usage queue is full (the database is slow): refused rather than served unrecorded. */
  usage_backlog: { status: 503, retryable: false },
  /** Cluster shape, fail-closed policy: Redis (global limits, shared state) is unreachable. */
  shared_state_unavailable: { status: 503, retryable: false },
  upstream_timeout: { status: 504, retryable: true },
  upstream_overloaded: { status: 529, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type GatewayErrorCode = keyof typeof gatewayErrorCodes;

export interface GatewayErrorOptions {
  cause?: unknown;
  /** Seconds after which a retry may succeed; sent as `retry-after`. */
  retryAfterSeconds?: number;
  /** The request-rate window that refused, rendered as each API family's rate-limit headers. */
  rateLimit?: RequestRateState;
}

export interface RequestRateState {
  limit: number;
  remaining: number;
  /** Epoch milliseconds when one more request will be admitted. */
  resetAt: number;
}

export class GatewayError extends Error {
  override name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimit: RequestRateState | undefined;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = gatewayErrorCodes[code].status;
    this.retryable = gatewayErrorCodes[code].retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.rateLimit = options.rateLimit;
  }
}

export function gatewayError(code: GatewayErrorCode, message: string, options?: GatewayErrorOptions) {
  return new GatewayError(code, message, options);
}

/** The code a bare HTTP status stands for, for errors raised by the HTTP layer itself (Fastify, Node). */
export function codeForStatus(status: number): GatewayErrorCode {
  for (const [code, spec] of Object.entries(gatewayErrorCodes)) {
    if (spec.status === status) return code as GatewayErrorCode;
  }
  return status >= 500 ? 'internal' : 'invalid_request';
}
