import { GatewayError } from '../errors/gateway-error.js';

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Maps a transport failure (undici's `UND_ERR_*`, socket errors) to the error the caller sees. */
export function classifyTransportFailure(error: unknown): GatewayError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && timeoutCodes.has(code)) {
    return new GatewayError('upstream_timeout', 'The upstream did not answer in time.', { cause: error });
  }
  return new GatewayError('upstream_failed', 'The upstream could not be reached.', { cause: error });
}

/** The error class a usage record keeps for a transport failure. */
export function errorClassOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code.toLowerCase() : 'transport_error';
}
