import { describe, expect, it } from 'vitest';
import { createAccountAlerts } from './account-alerts.js';
import type { Notification, Recipient } from './notification.js';
import type { Notifier } from './notifier.js';

function recordingNotifier() {
  const sent: Array<{ recipient: Recipient; notification: Notification }> = [];
  const notifier: Notifier = {
    async send(recipient, notification) {
      sent.push({ recipient, notification });
      return { delivered: true, results: [] };
    },
    channels: async () => ['smtp'],
  };
  return { notifier, sent };
}

describe('account alerts', () => {
  it('alerts the admins once per account and state within the debounce time', () => {
    const { notifier, sent } = recordingNotifier();
    let clock = 1_000;
    const alert = createAccountAlerts({
      notifier,
      describeAccount: (id) => (id === 'a1' ? { name: 'team-claude', type: 'anthropic' } : undefined),
      now: () => clock,
      debounceMs: 60_000,
    });
    alert('a1', { state: 'credential-invalid', since: clock, message: 'invalid x-api-key' });
    alert('a1', { state: 'healthy' });
    alert('a1', { state: 'credential-invalid', since: clock, message: 'invalid x-api-key' });
    alert('a1', { state: 'cooling-down', until: clock + 10, reason: 'rate_limited' });
    alert('a1', { state: 'circuit-open', until: clock + 10, consecutiveFailures: 5 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.recipient).toEqual({ admins: true });
    expect(sent[0]?.notification).toEqual({
      event: 'account-alert',
      subject: 'Gatehouse: account team-claude credential invalid',
      text: expect.stringContaining('team-claude (anthropic, id a1): its credential was refused'),
    });
    expect(sent[0]?.notification.text).toContain('The upstream said: invalid x-api-key');

    // Another state of the same account, and another account, are their own alerts.
    alert('a1', {
      state: 'quota-exhausted',
      since: clock,
      until: Date.UTC(2030, 0, 1),
      message: 'credit balance too low',
    });
    alert('a2', { state: 'quota-exhausted', since: clock, until: null, message: 'quota' });
    expect(sent.map((entry) => entry.notification.subject)).toEqual([
      'Gatehouse: account team-claude credential invalid',
      'Gatehouse: account team-claude quota exhausted',
      'Gatehouse: account a2 quota exhausted',
    ]);
    expect(sent[1]?.notification.text).toContain('until 2030-01-01T00:00:00.000Z');
    expect(sent[2]?.notification.text).toContain('until an admin resets it');

    // After the debounce time a state that comes back is alerted again.
    clock += 59_999;
    alert('a1', { state: 'credential-invalid', since: clock, message: 'still invalid' });
    expect(sent).toHaveLength(3);
    clock += 1;
    alert('a1', { state: 'credential-invalid', since: clock, message: 'still invalid' });
    expect(sent).toHaveLength(4);
  });
});
