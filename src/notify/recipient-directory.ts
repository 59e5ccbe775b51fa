import type { Kysely, Selectable } from 'kysely';
import { fromFlag } from '../db/json-column.js';
import type { Database, UsersTable } from '../db/schema.js';
import type { Addressee } from './notification.js';
import type { RecipientDirectory } from './notifier.js';

function toAddressee(row: Selectable<UsersTable>): Addressee {
  // Users gain an email column with the accounts work of issue 5; before it nobody has one.
  const email = (row as { email?: string | null }).email;
  return { userId: row.id, username: row.username, ...(email ? { email } : {}) };
}

/** Enabled users, read from the database when a notification is sent (never on the request path). */
export function createRecipientDirectory(db: Kysely<Database>): RecipientDirectory {
  return {
    async user(userId) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      return row && fromFlag(row.enabled) ? toAddressee(row) : undefined;
    },
    async admins() {
      const rows = await db.selectFrom('users').selectAll().where('role', '=', 'admin').execute();
      return rows.filter((row) => fromFlag(row.enabled)).map(toAddressee);
    },
  };
}
