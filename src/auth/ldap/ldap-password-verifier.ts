import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { StoredUser, UsersRepository } from '../../db/repositories/users-repository.js';
import type { PasswordVerifier } from '../password-verifiers.js';
import type { LdapDirectory } from './ldap-directory.js';

export interface LdapVerifierOptions {
  directory: LdapDirectory;
  users: UsersRepository;
  /** Create the Gatehouse user on a directory user's first login. */
  autoCreate: boolean;
  now: () => number;
  logger: Logger;
}

/**
 * Password login against LDAP, registered after the local check. A user with a local password is a
 * local user and never checked against the directory (so a directory entry of the same name cannot
 * take the account over); a user without one, or one not yet known, is a directory user. On every
 * directory login the user's email and display name (and the role, when an admin group is configured)
 * follow the directory.
 */
export function ldapPasswordVerifier(options: LdapVerifierOptions): PasswordVerifier {
  const { users, now } = options;

  async function syncUser(
    existing: StoredUser | undefined,
    found: { username: string; email: string | null; displayName: string | null; isAdmin: boolean | null },
  ): Promise<StoredUser | null> {
    const profile = { email: found.email, displayName: found.displayName };
    const role = found.isAdmin === null ? undefined : found.isAdmin ? ('admin' as const) : ('user' as const);
    if (existing)
      return (await users.update(existing.id, { ...profile, ...(role ? { role } : {}) }, now())) ?? null;
    if (!options.autoCreate) return null;
    try {
      return await users.insert(
        { id: randomUUID(), username: found.username, role: role ?? 'user', passwordHash: null, ...profile },
        now(),
      );
    } catch (error) {
      // Two first logins at once: the other one created the user.
      const created = await users.findByUsername(found.username);
      if (created && !created.passwordHash) return created;
      throw error;
    }
  }

  return {
    name: 'ldap',
    async verify(username, password) {
      const typed = await users.findByUsername(username);
      if (typed?.passwordHash) return null;
      let found: Awaited<ReturnType<LdapDirectory['authenticate']>>;
      try {
        found = await options.directory.authenticate(username, password);
      } catch (error) {
        // The directory being down must not look like a crash; the login fails and the log says why.
        options.logger.error({ err: error }, 'LDAP login failed: the directory could not be asked');
        return null;
      }
      if (!found) return null;
      // LDAP matches names loosely (case, spaces): the directory's spelling is the Gatehouse username.
      const existing = found.username === username ? typed : await users.findByUsername(found.username);
      if (existing?.passwordHash) return null;
      return syncUser(existing, found);
    },
  };
}
