import type { SecretBox } from '../crypto/secret-box.js';
import { fromJsonColumn } from '../db/json-column.js';
import type { NotificationSettingsRepository } from '../db/repositories/notification-settings-repository.js';
import type { NotificationSettings, SmtpSettings, WebhookSettings } from './notification-settings.js';

export interface EffectiveNotificationSettings {
  settings: NotificationSettings;
  /** `database` once an admin saved channels through the API (they replace the config file's). */
  source: 'config' | 'database';
  updatedAt: number | null;
}

export interface NotificationSettingsStore {
  /**
   * The channels in force. Read from the database on every call (notifications are rare and never on
   * the request path), so a save on one instance of a cluster applies on all of them at once.
   */
  current(): Promise<EffectiveNotificationSettings>;
  save(settings: NotificationSettings, now: number): Promise<void>;
  /** Forgets the saved channels: the config file's apply again. */
  reset(): Promise<void>;
}

type SealedSmtp = Omit<SmtpSettings, 'password'> & { passwordSealed?: string };
type SealedWebhook = Omit<WebhookSettings, 'secret'> & { secretSealed?: string };

export function createNotificationSettingsStore(options: {
  repository: NotificationSettingsRepository;
  secrets: SecretBox;
  fromConfig: NotificationSettings;
}): NotificationSettingsStore {
  const { repository, secrets } = options;

  function sealSmtp(smtp: SmtpSettings | null): string | null {
    if (!smtp) return null;
    const { password, ...rest } = smtp;
    const sealed: SealedSmtp = password ? { ...rest, passwordSealed: secrets.seal(password) } : rest;
    return JSON.stringify(sealed);
  }

  function sealWebhook(webhook: WebhookSettings | null): string | null {
    if (!webhook) return null;
    const { secret, ...rest } = webhook;
    const sealed: SealedWebhook = secret ? { ...rest, secretSealed: secrets.seal(secret) } : rest;
    return JSON.stringify(sealed);
  }

  function openSmtp(text: string | null): SmtpSettings | null {
    const stored = text ? fromJsonColumn<SealedSmtp | null>(text, null) : null;
    if (!stored) return null;
    const { passwordSealed, ...rest } = stored;
    return passwordSealed ? { ...rest, password: secrets.open(passwordSealed) } : rest;
  }

  function openWebhook(text: string | null): WebhookSettings | null {
    const stored = text ? fromJsonColumn<SealedWebhook | null>(text, null) : null;
    if (!stored) return null;
    const { secretSealed, ...rest } = stored;
    return secretSealed ? { ...rest, secret: secrets.open(secretSealed) } : rest;
  }

  return {
    async current() {
      const stored = await repository.get();
      if (!stored) return { settings: options.fromConfig, source: 'config', updatedAt: null };
      return {
        settings: { smtp: openSmtp(stored.smtp), webhook: openWebhook(stored.webhook) },
        source: 'database',
        updatedAt: stored.updatedAt,
      };
    },
    async save(settings, now) {
      await repository.put({
        smtp: sealSmtp(settings.smtp),
        webhook: sealWebhook(settings.webhook),
        updatedAt: now,
      });
    },
    reset: () => repository.clear(),
  };
}
