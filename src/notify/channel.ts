import type { Addressee, ChannelName, Notification } from './notification.js';

/**
 * One way of delivering notifications (mail, a webhook). `deliver` resolves with what the far side
 * said and rejects with a readable error; `accepts` tells whether this channel can reach an addressee
 * at all (mail needs an address, a webhook reaches anyone).
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  accepts(addressee: Addressee): boolean;
  deliver(addressee: Addressee, notification: Notification): Promise<string>;
}
