import type { AccountCondition } from '../scheduler/account-health.js';
import type { Notifier } from './notifier.js';

export interface AccountAlertsOptions {
  notifier: Notifier;
  /** The account's display name, if it still exists (from the in-memory catalog). */
  describeAccount: (accountId: string) => { name: string; type: string } | undefined;
  now: () => number;
  /** One alert per account and state within this time, so a flapping account does not flood anyone. */
  debounceMs: number;
}

/**
 * Tells the admins when an upstream account needs an operator: its credential was refused or its quota
 * is spent. Meant as an `AccountHealth.onChange` listener: it returns at once and sends in the background
 * (the notifier never rejects).
 */
export function createAccountAlerts(options: AccountAlertsOptions) {
  const lastSent = new Map<string, number>();

  function message(accountId: string, condition: Extract<AccountCondition, { message: string }>) {
    const account = options.describeAccount(accountId);
    const label = account ? `${account.name} (${account.type}, id ${accountId})` : `id ${accountId}`;
    const what =
      condition.state === 'credential-invalid'
        ? 'its credential was refused by the upstream; requests skip it until an admin fixes the credential and resets it'
        : `its quota is exhausted; requests skip it ${condition.until === null ? 'until an admin resets it' : `until ${new Date(condition.until).toISOString()}`}`;
    return {
      subject: `Gatehouse: account ${account?.name ?? accountId} ${condition.state === 'credential-invalid' ? 'credential invalid' : 'quota exhausted'}`,
      text: `Upstream account ${label}: ${what}.\nThe upstream said: ${condition.message}`,
    };
  }

  return function onAccountChange(accountId: string, condition: AccountCondition): void {
    if (condition.state !== 'credential-invalid' && condition.state !== 'quota-exhausted') return;
    const key = `${accountId}\0${condition.state}`;
    const at = options.now();
    const previous = lastSent.get(key);
    if (previous !== undefined && at - previous < options.debounceMs) return;
    lastSent.set(key, at);
    void options.notifier.send(
      { admins: true },
      { event: 'account-alert', ...message(accountId, condition) },
    );
  };
}
