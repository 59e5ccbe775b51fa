import { afterEach, describe, expect, it } from 'vitest';
import { type RelayFixture, startRelayFixture } from '../support/gatehouse-harness.js';
import { startWebhookListener, type WebhookListener } from '../support/webhook-listener.js';

describe('account alerts', () => {
  let fixture: RelayFixture | undefined;
  let hook: WebhookListener | undefined;
  afterEach(async () => {
    await fixture?.close();
    await hook?.close();
    fixture = hook = undefined;
  });

  it('tells the admins once when an upstream refuses an account credential', async () => {
    hook = await startWebhookListener();
    fixture = await startRelayFixture({ name: 'team-claude' }, { GATEHOUSE_WEBHOOK_URL: hook.url });
    const { key } = await fixture.gate.createKey();
    const ask = () =>
      fetch(`${fixture?.gate.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
    fixture.mock.enqueue({ kind: 'error', status: 401 });
    await (await ask()).text();
    const delivery = await hook.nextDelivery(0);
    expect(delivery.json).toMatchObject({
      event: 'account-alert',
      recipient: { audience: 'admins' },
      subject: 'Gatehouse: account team-claude credential invalid',
    });
    expect(String(delivery.json.text)).toContain(`team-claude (anthropic, id ${fixture.accountId})`);
    expect(String(delivery.json.text)).not.toContain('mock-key');

    // Reset and refused again at once: no second alert within the debounce time.
    await fixture.gate.admin('POST', `/admin/api/accounts/${fixture.accountId}/reset`);
    fixture.mock.enqueue({ kind: 'error', status: 401 });
    await (await ask()).text();
    expect(fixture.mock.requests).toHaveLength(2);
    await fixture.gate.admin('POST', '/admin/api/settings/notifications/test', {});
    const next = await hook.nextDelivery(1);
    expect(next.json.event).toBe('test');
    expect(hook.received).toHaveLength(2);
  });
});
