import { createTransport } from 'nodemailer';
import type { NotificationChannel } from './channel.js';
import type { SmtpSettings } from './notification-settings.js';

/** Sends mail through one SMTP server. A connection is opened per message: notifications are rare. */
export function createSmtpChannel(settings: SmtpSettings, timeoutMs = 15_000): NotificationChannel {
  return {
    name: 'smtp',
    accepts: (addressee) => Boolean(addressee.email),
    async deliver(addressee, notification) {
      const transport = createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: addressee.email,
          subject: notification.subject,
          text: notification.text,
          html: notification.html,
        });
        if (info.rejected.length > 0) throw new Error(`the server refused ${addressee.email}`);
        return `accepted as ${info.messageId}`;
      } finally {
        transport.close();
      }
    },
  };
}
