import { Agent, type Dispatcher, ProxyAgent, Socks5ProxyAgent } from 'undici';
import type { GatehouseConfig } from '../config/config-schema.js';
import type { LiveAccount } from '../domain/account.js';

/**
 * The connection pools upstream requests go through: one undici Agent (a keep-alive pool per origin)
 * for direct accounts, and one proxy agent per distinct outbound proxy (HTTP/HTTPS through a CONNECT
 * tunnel, or SOCKS5). Proxy agents are made on first use and kept; an account whose proxy changes
 * simply uses another one.
 */
export function createUpstreamDispatchers(config: GatehouseConfig['upstream']) {
  const poolOptions = {
    connections: config.connectionsPerOrigin,
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyIdleTimeoutMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
  };
  const connect = { timeout: config.connectTimeoutMs };
  const direct = new Agent({ ...poolOptions, connect });
  const viaProxy = new Map<string, Dispatcher>();

  function proxyAgent(proxyUrl: string): Dispatcher {
    let agent = viaProxy.get(proxyUrl);
    if (!agent) {
      const protocol = new URL(proxyUrl).protocol;
      agent =
        protocol === 'socks5:' || protocol === 'socks:'
          ? new Socks5ProxyAgent(proxyUrl, poolOptions)
          : new ProxyAgent({ uri: proxyUrl, ...poolOptions, proxyTls: connect, requestTls: connect });
      viaProxy.set(proxyUrl, agent);
    }
    return agent;
  }

  return {
    for(account: Pick<LiveAccount, 'proxyUrl'>): Dispatcher {
      return account.proxyUrl ? proxyAgent(account.proxyUrl) : direct;
    },
    async close(): Promise<void> {
      await Promise.all([direct.close(), ...[...viaProxy.values()].map((agent) => agent.close())]);
    },
  };
}

export type UpstreamDispatchers = ReturnType<typeof createUpstreamDispatchers>;
