import { Agent } from 'undici';
import type { GatehouseConfig } from '../config/config-schema.js';

/**
 * One undici Agent for all upstreams: it keeps a keep-alive pool per origin. Timeouts here are the
 * transport's; the relay maps them to 504s in the caller's dialect.
 */
export function createUpstreamAgent(config: GatehouseConfig['upstream']): Agent {
  return new Agent({
    connections: config.connectionsPerOrigin,
    connect: { timeout: config.connectTimeoutMs },
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyIdleTimeoutMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
  });
}
