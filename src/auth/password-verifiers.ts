import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../access/password-hash.js';
import type { StoredUser, UsersRepository } from '../db/repositories/users-repository.js';

/**
 * One way of checking a username and password: the local scrypt hash first, then whatever else is
 * registered (LDAP). A verifier answers the user the credentials prove, or null to let the next try.
 */
export interface PasswordVerifier {
  readonly name: string;
  verify(username: string, password: string): Promise<StoredUser | null>;
}

/** scrypt over a throw-away hash, so an unknown username costs as long as a wrong password. */
function createDecoy() {
  let decoy: Promise<string> | undefined;
  return async (password: string) => {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await decoy);
  };
}

export function localPasswordVerifier(users: UsersRepository): PasswordVerifier {
  const decoy = createDecoy();
  return {
    name: 'local',
    async verify(username, password) {
      const user = await users.findByUsername(username);
      if (!user?.passwordHash) {
        await decoy(password);
        return null;
      }
      return (await verifyPassword(password, user.passwordHash)) ? user : null;
    },
  };
}

export function createPasswordVerifiers(first: PasswordVerifier) {
  const chain: PasswordVerifier[] = [first];
  return {
    /** Adds a verifier tried after those already registered (e.g. `ldap`). */
    register(verifier: PasswordVerifier): void {
      if (chain.some((existing) => existing.name === verifier.name))
        throw new Error(`password verifier ${verifier.name} is already registered`);
      chain.push(verifier);
    },
    names: () => chain.map((verifier) => verifier.name),
    async verify(username: string, password: string): Promise<StoredUser | null> {
      for (const verifier of chain) {
        const user = await verifier.verify(username, password);
        if (user) return user;
      }
      return null;
    },
  };
}

export type PasswordVerifiers = ReturnType<typeof createPasswordVerifiers>;
