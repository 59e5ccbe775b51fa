import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../access/password-hash.js';
import type { UsersRepository } from '../db/repositories/users-repository.js';

export const firstAdminUsername = 'admin';

/**
 * Makes sure the first admin exists (SPEC §8). With GATEHOUSE_ADMIN_PASSWORD its password is set to
 * that value on every start; without it, a random password is generated once and announced once.
 */
export async function ensureFirstAdmin(
  users: UsersRepository,
  configuredPassword: string | undefined,
  now: number,
  announce: (message: string) => void,
): Promise<void> {
  const existing = await users.findByUsername(firstAdminUsername);
  if (existing) {
    const stale =
      configuredPassword &&
      !(existing.passwordHash && (await verifyPassword(configuredPassword, existing.passwordHash)));
    if (configuredPassword && stale)
      await users.setPassword(existing.id, await hashPassword(configuredPassword), now);
    return;
  }
  const password = configuredPassword ?? randomBytes(18).toString('base64url');
  await users.insert(
    {
      id: randomUUID(),
      username: firstAdminUsername,
      role: 'admin',
      passwordHash: await hashPassword(password),
    },
    now,
  );
  if (!configuredPassword) {
    announce(
      `First admin created. Username: ${firstAdminUsername}  Password: ${password}\n` +
        'This password is shown only once; set GATEHOUSE_ADMIN_PASSWORD to choose your own.',
    );
  }
}
