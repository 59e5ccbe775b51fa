import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { verifyPassword } from '../../access/password-hash.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

const verifiedBasicTtlMs = 60_000;

/**
 * Admin API credentials: the bootstrap `GATEHOUSE_ADMIN_TOKEN` as a Bearer token (automation, CI), or
 * HTTP Basic with an admin user's password. scrypt is deliberately slow, so a verified Basic header is
 * remembered (by its hash) for a minute instead of re-deriving it on every call.
 */
export function createAdminAuthenticator(options: {
  adminToken: string | undefined;
  users: UsersRepository;
  now: () => number;
}) {
  const tokenDigest = options.adminToken ? digest(options.adminToken) : undefined;
  const verifiedBasic = new Map<string, number>();

  async function basicIsAdmin(encoded: string): Promise<boolean> {
    const cacheKey = digest(encoded).toString('hex');
    const until = verifiedBasic.get(cacheKey);
    if (until !== undefined && until > options.now()) return true;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return false;
    const user = await options.users.findByUsername(decoded.slice(0, colon));
    if (!user?.enabled || user.role !== 'admin' || !user.passwordHash) return false;
    if (!(await verifyPassword(decoded.slice(colon + 1), user.passwordHash))) return false;
    verifiedBasic.set(cacheKey, options.now() + verifiedBasicTtlMs);
    return true;
  }

  return async function requireAdmin(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization ?? '';
    const [scheme, value] = [
      header.slice(0, header.indexOf(' ')).toLowerCase(),
      header.slice(header.indexOf(' ') + 1),
    ];
    if (scheme === 'bearer' && tokenDigest && timingSafeEqual(digest(value), tokenDigest)) return;
    if (scheme === 'basic' && (await basicIsAdmin(value))) return;
    throw new GatewayError('authentication_failed', 'Admin credentials are required.');
  };
}
