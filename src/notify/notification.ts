/**
 * What Gatehouse tells people, and where. A notification has an event type (so webhook receivers can
 * route it), a subject and a plain-text body; HTML is optional and only mail uses it.
 */
export type NotificationEvent =
  | 'test'
  | 'one-time-code'
  | 'application-submitted'
  | 'application-decided'
  | 'account-alert';

export interface NotificationMessage {
  subject: string;
  text: string;
  html?: string;
}

export interface Notification extends NotificationMessage {
  event: NotificationEvent;
}

/** Who a notification is for: a user (looked up by id for their email), a bare address, or every admin. */
export type Recipient = { userId: string } | { email: string } | { admins: true };

/** A resolved recipient as channels see it; email is absent when the user has none. */
export interface Addressee {
  userId?: string;
  username?: string;
  email?: string;
  /** Set instead of a person when one delivery speaks to a group (a webhook alert to all admins). */
  audience?: 'admins';
}

export type ChannelName = 'smtp' | 'webhook';

export interface ChannelResult {
  channel: ChannelName;
  ok: boolean;
  /** On success what the far side said (message id, HTTP status); on failure why it failed. */
  detail: string;
}

export interface DeliveryReport {
  /** True when at least one channel accepted the notification for at least one addressee. */
  delivered: boolean;
  results: ChannelResult[];
  /** Set when nothing was attempted: no channel configured, unknown user, user without email… */
  skipped?: string;
}
