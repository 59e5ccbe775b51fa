import { compileIpAllowlist } from './ip-allowlist.js';

/**
 * The address a request came from. Behind trusted reverse proxies the socket's peer is the proxy, so
 * `x-forwarded-for` is read from the right (the entry the nearest proxy appended) leftwards, skipping
 * trusted proxies, and the first untrusted entry is the client. Entries left of it were written by the
 * client itself and are never believed.
 */
export function createClientAddress(trustedProxies: readonly string[]) {
  if (trustedProxies.length === 0) return (socketAddress: string, _forwardedFor: unknown) => socketAddress;
  const isTrusted = compileIpAllowlist(trustedProxies);
  return (socketAddress: string, forwardedFor: unknown): string => {
    if (!isTrusted(socketAddress) || typeof forwardedFor !== 'string') return socketAddress;
    const hops = forwardedFor.split(',');
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = (hops[index] as string).trim();
      if (hop.length === 0) continue;
      if (!isTrusted(hop)) return hop;
    }
    return socketAddress;
  };
}

export type ClientAddress = ReturnType<typeof createClientAddress>;
