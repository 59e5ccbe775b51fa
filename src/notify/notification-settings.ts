/** The delivery channels in force: from the config file and environment, or as saved by an admin. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The From header, e.g. `Gatehouse <gatehouse@example.org>`. */
  from: string;
}

export interface WebhookSettings {
  url: string;
  /** Key of the HMAC-SHA256 signature header; without it requests go unsigned. */
  secret?: string;
  timeoutMs: number;
}

export interface NotificationSettings {
  smtp: SmtpSettings | null;
  webhook: WebhookSettings | null;
}

export const noNotificationChannels: NotificationSettings = { smtp: null, webhook: null };
