import type { StoredUser, UsersRepository } from '../db/repositories/users-repository.js';
import type { Addressee } from './notification.js';
import type { RecipientDirectory } from './notifier.js';

function toAddressee(user: StoredUser): Addressee {
  return { userId: user.id, username: user.username, ...(user.email ? { email: user.email } : {}) };
}

/** Enabled users, read from the database when a notification is sent (never on the request path). */
export function createRecipientDirectory(users: UsersRepository): RecipientDirectory {
  return {
    async user(userId) {
      const user = await users.get(userId);
      return user?.enabled ? toAddressee(user) : undefined;
    },
    async admins() {
      const all = await users.list();
      return all.filter((user) => user.enabled && user.role === 'admin').map(toAddressee);
    },
  };
}
