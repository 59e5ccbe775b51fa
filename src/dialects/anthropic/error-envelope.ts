import type { GatewayError } from '../../errors/gateway-error.js';

/**
 * Anthropic's own list of error types by status (https://docs.anthropic.com/en/api/errors).
 * Statuses Anthropic never sends (408, 415, 431, 502, 503) get the nearest type a client handles.
 */
const errorTypeByStatus: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  431: 'invalid_request_error',
  500: 'api_error',
  502: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return errorTypeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

export function anthropicErrorBody(status: number, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

export function renderAnthropicError(error: GatewayError): AnthropicErrorBody {
  return anthropicErrorBody(error.status, error.message);
}

/** The SSE event that ends a stream which failed after its first byte reached the client. */
export function anthropicStreamErrorEvent(status: number, message: string): string {
  return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(status, message))}\n\n`;
}
