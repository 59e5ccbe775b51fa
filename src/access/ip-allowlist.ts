import { BlockList, isIP } from 'node:net';

export type IpMatcher = (address: string) => boolean;

/** Builds a matcher for a list of addresses and CIDR ranges; an empty list allows every address. */
export function compileIpAllowlist(entries: readonly string[]): IpMatcher {
  if (entries.length === 0) return () => true;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0) throw new Error(`not an IP address or CIDR range: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address as string, type);
    else list.addSubnet(address as string, Number(prefix), type);
  }
  return (address) => {
    const plain = unmapIpv4(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** Dual-stack sockets report IPv4 peers as `::ffff:a.b.c.d`; allowlists are written with `a.b.c.d`. */
function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function isValidIpOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 6 ? 128 : 32);
}
