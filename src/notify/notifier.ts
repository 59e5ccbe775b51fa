import type { Logger } from 'pino';
import type { NotificationChannel } from './channel.js';
import type {
  Addressee,
  ChannelName,
  ChannelResult,
  DeliveryReport,
  Notification,
  Recipient,
} from './notification.js';
import type { NotificationSettings } from './notification-settings.js';
import { createSmtpChannel } from './smtp-channel.js';
import { createWebhookChannel } from './webhook-channel.js';

/**
 * Sends notifications through the configured channels. `send` never throws and never rejects: a
 * failing channel is logged and reported in the result, so callers (login codes, approvals, alerts)
 * decide for themselves whether a failed delivery matters.
 *
 * - `{ userId }`: mail to the user's address (when they have one) and the webhook (when configured).
 * - `{ email }`: mail to that address and the webhook.
 * - `{ admins: true }`: mail to every enabled admin with an address, and one webhook delivery
 *   addressed to the `admins` audience.
 */
export interface Notifier {
  send(recipient: Recipient, notification: Notification): Promise<DeliveryReport>;
  /** The channels configured right now (the console shows them; login offers codes only if any). */
  channels(): Promise<ChannelName[]>;
}

/** Where the notifier finds people. Only users that may be contacted are returned (enabled ones). */
export interface RecipientDirectory {
  user(userId: string): Promise<Addressee | undefined>;
  admins(): Promise<Addressee[]>;
}

export interface NotifierOptions {
  /** Read on every send, so settings saved through the admin API apply at once. */
  settings: () => Promise<NotificationSettings>;
  directory: RecipientDirectory;
  logger: Logger;
  now?: () => number;
}

export function createNotifier(options: NotifierOptions): Notifier {
  async function openChannels(): Promise<NotificationChannel[]> {
    const { smtp, webhook } = await options.settings();
    const channels: NotificationChannel[] = [];
    if (smtp) channels.push(createSmtpChannel(smtp));
    if (webhook) channels.push(createWebhookChannel(webhook, options.now));
    return channels;
  }

  async function deliverOne(
    channel: NotificationChannel,
    addressee: Addressee,
    notification: Notification,
  ): Promise<ChannelResult> {
    try {
      return { channel: channel.name, ok: true, detail: await channel.deliver(addressee, notification) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // The message itself stays out of the log: it may carry a one-time code.
      options.logger.warn(
        { channel: channel.name, event: notification.event, userId: addressee.userId, error: detail },
        'notification delivery failed',
      );
      return { channel: channel.name, ok: false, detail };
    }
  }

  async function resolve(recipient: Recipient): Promise<Addressee[] | string> {
    if ('email' in recipient) return [{ email: recipient.email }];
    if ('userId' in recipient) {
      const user = await options.directory.user(recipient.userId);
      return user ? [user] : 'no such user, or the user is disabled';
    }
    return options.directory.admins();
  }

  async function send(recipient: Recipient, notification: Notification): Promise<DeliveryReport> {
    const channels = await openChannels();
    if (channels.length === 0) return { delivered: false, results: [], skipped: 'no channel is configured' };
    let addressees: Addressee[] | string;
    try {
      addressees = await resolve(recipient);
    } catch (error) {
      options.logger.error({ err: error, event: notification.event }, 'notification recipient lookup failed');
      return { delivered: false, results: [], skipped: 'the recipient could not be looked up' };
    }
    if (typeof addressees === 'string') return { delivered: false, results: [], skipped: addressees };
    const deliveries: Promise<ChannelResult>[] = [];
    for (const channel of channels) {
      // A group alert reaches a webhook once, not once per admin.
      const targets =
        'admins' in recipient && channel.name === 'webhook' ? [{ audience: 'admins' as const }] : addressees;
      for (const addressee of targets.filter((target) => channel.accepts(target))) {
        deliveries.push(deliverOne(channel, addressee, notification));
      }
    }
    if (deliveries.length === 0) {
      return { delivered: false, results: [], skipped: 'no configured channel can reach the recipient' };
    }
    const results = await Promise.all(deliveries);
    return { delivered: results.some((result) => result.ok), results };
  }

  return {
    async send(recipient, notification) {
      try {
        return await send(recipient, notification);
      } catch (error) {
        options.logger.error({ err: error, event: notification.event }, 'notification failed');
        return { delivered: false, results: [], skipped: 'internal error' };
      }
    },
    channels: async () => (await openChannels()).map((channel) => channel.name),
  };
}
