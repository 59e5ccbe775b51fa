import type { Kysely } from 'kysely';
import { toNumber } from '../json-column.js';
import type { Database } from '../schema.js';

/** The saved channels as stored: JSON text per channel (secrets already sealed), null when off. */
export interface StoredNotificationSettings {
  smtp: string | null;
  webhook: string | null;
  updatedAt: number;
}

const rowId = 'default';

export function createNotificationSettingsRepository(db: Kysely<Database>) {
  return {
    async get(): Promise<StoredNotificationSettings | undefined> {
      const row = await db
        .selectFrom('notification_settings')
        .selectAll()
        .where('id', '=', rowId)
        .executeTakeFirst();
      return row ? { smtp: row.smtp, webhook: row.webhook, updatedAt: toNumber(row.updated_at) } : undefined;
    },
    async put(settings: StoredNotificationSettings): Promise<void> {
      const values = { smtp: settings.smtp, webhook: settings.webhook, updated_at: settings.updatedAt };
      await db
        .insertInto('notification_settings')
        .values({ id: rowId, ...values })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
        .execute();
    },
    async clear(): Promise<void> {
      await db.deleteFrom('notification_settings').where('id', '=', rowId).execute();
    },
  };
}

export type NotificationSettingsRepository = ReturnType<typeof createNotificationSettingsRepository>;
