import type { FastifyInstance } from 'fastify';
import {
  type NotificationSettingsUpdate,
  notificationSettingsUpdateSchema,
  notificationTestSchema,
} from '../../contracts/admin-notifications.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { SmtpSettings, WebhookSettings } from '../../notify/notification-settings.js';
import type { EffectiveNotificationSettings } from '../../notify/notification-settings-store.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

const path = '/admin/api/settings/notifications';

/** What an admin sees: everything but the secrets, which show only as set or not. */
function presentSettings({ settings, source, updatedAt }: EffectiveNotificationSettings) {
  const { smtp, webhook } = settings;
  return {
    source,
    updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
    smtp: smtp && {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      user: smtp.user ?? null,
      from: smtp.from,
      passwordSet: Boolean(smtp.password),
    },
    webhook: webhook && {
      url: webhook.url,
      timeoutMs: webhook.timeoutMs,
      secretSet: Boolean(webhook.secret),
    },
  };
}

type SmtpUpdate = NotificationSettingsUpdate['smtp'];
type WebhookUpdate = NotificationSettingsUpdate['webhook'];

// A channel left out of an update stays as it is; a write-only secret left out is kept.
function nextSmtp(current: SmtpSettings | null, update: SmtpUpdate): SmtpSettings | null {
  if (update === undefined) return current;
  if (update === null) return null;
  const { password, user, ...rest } = update;
  const kept = password === undefined ? current?.password : (password ?? undefined);
  return { ...rest, ...(user ? { user } : {}), ...(kept ? { password: kept } : {}) };
}

function nextWebhook(current: WebhookSettings | null, update: WebhookUpdate): WebhookSettings | null {
  if (update === undefined) return current;
  if (update === null) return null;
  const { secret, ...rest } = update;
  const kept = secret === undefined ? current?.secret : (secret ?? undefined);
  return { ...rest, ...(kept ? { secret: kept } : {}) };
}

export async function notificationSettingsRoutes(
  app: FastifyInstance,
  { services }: { services: AdminServices },
) {
  const { notificationSettings, notifier, now } = services;
  const docs = (summary: string, extra: object = {}) => ({
    auth: 'admin' as const,
    docs: { summary, tags: ['notifications'], ...extra },
  });

  app.get(
    path,
    { config: docs('Notification channels in force (secrets shown only as set or not)') },
    async () => presentSettings(await notificationSettings.current()),
  );

  app.put(
    path,
    { config: docs('Save notification channels', { body: notificationSettingsUpdateSchema }) },
    async (request) => {
      const update = parseBody(notificationSettingsUpdateSchema, request.body);
      const { settings } = await notificationSettings.current();
      const next = {
        smtp: nextSmtp(settings.smtp, update.smtp),
        webhook: nextWebhook(settings.webhook, update.webhook),
      };
      await notificationSettings.save(next, now());
      return presentSettings(await notificationSettings.current());
    },
  );

  app.delete(path, { config: docs('Forget saved channels: the config file applies again') }, async () => {
    await notificationSettings.reset();
    return presentSettings(await notificationSettings.current());
  });

  app.post(
    `${path}/test`,
    { config: docs('Send a test notification', { body: notificationTestSchema }) },
    async (request) => {
      const { to } = parseBody(notificationTestSchema, request.body);
      if ((await notifier.channels()).length === 0) {
        throw new GatewayError('invalid_request', 'No notification channel is configured.');
      }
      return notifier.send(to ? { email: to } : { admins: true }, {
        event: 'test',
        subject: 'Gatehouse test notification',
        text: 'This is a test notification from Gatehouse. If you can read it, this channel works.',
      });
    },
  );
}
