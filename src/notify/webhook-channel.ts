import type { NotificationChannel } from './channel.js';
import type { WebhookSettings } from './notification-settings.js';
import { signWebhook } from './sign-webhook.js';

export const webhookHeaders = {
  event: 'x-gatehouse-event',
  timestamp: 'x-gatehouse-timestamp',
  signature: 'x-gatehouse-signature',
} as const;

/**
 * Posts each notification as JSON to one URL, signed with HMAC-SHA256 (see sign-webhook.ts). The body
 * carries the event, the recipient and the message, nothing else; any 2xx answer counts as delivered.
 */
export function createWebhookChannel(
  settings: WebhookSettings,
  now: () => number = Date.now,
): NotificationChannel {
  return {
    name: 'webhook',
    accepts: () => true,
    async deliver(addressee, notification) {
      const timestamp = Math.floor(now() / 1000);
      const body = JSON.stringify({
        event: notification.event,
        recipient: {
          userId: addressee.userId ?? null,
          username: addressee.username ?? null,
          email: addressee.email ?? null,
          audience: addressee.audience ?? null,
        },
        subject: notification.subject,
        text: notification.text,
        sentAt: new Date(timestamp * 1000).toISOString(),
      });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'Gatehouse-Webhook/1',
        [webhookHeaders.event]: notification.event,
        [webhookHeaders.timestamp]: String(timestamp),
      };
      if (settings.secret) headers[webhookHeaders.signature] = signWebhook(settings.secret, timestamp, body);
      const response = await fetch(settings.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      }).catch((error: unknown) => {
        throw new Error(describeFetchFailure(error, settings.timeoutMs));
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299) {
        throw new Error(`the webhook answered HTTP ${response.status}`);
      }
      return `HTTP ${response.status}`;
    },
  };
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `the webhook did not answer within ${timeoutMs} ms`;
  const cause = failure.cause?.code ?? failure.cause?.message;
  return `the webhook could not be reached: ${cause ?? failure.message ?? String(error)}`;
}
