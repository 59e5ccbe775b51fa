import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/notify/sign-webhook.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type SmtpListener, startSmtpListener } from '../support/smtp-listener.js';
import { startWebhookListener, type WebhookListener } from '../support/webhook-listener.js';

const path = '/admin/api/settings/notifications';

describe('notification settings API', () => {
  let gate: RunningGatehouse | undefined;
  let smtp: SmtpListener | undefined;
  let hook: WebhookListener | undefined;
  afterEach(async () => {
    await gate?.close();
    await smtp?.close();
    await hook?.close();
    gate = smtp = hook = undefined;
  });

  it('shows the config file channels, never their secrets', async () => {
    gate = await startGatehouse({
      GATEHOUSE_SMTP_HOST: 'mail.example.org',
      GATEHOUSE_SMTP_FROM: 'gh@example.org',
      GATEHOUSE_SMTP_USER: 'mailer',
      GATEHOUSE_SMTP_PASSWORD: 'smtp-password-from-env',
    });
    const answer = await gate.admin('GET', path);
    expect(answer).toEqual({
      status: 200,
      body: {
        source: 'config',
        updatedAt: null,
        smtp: {
          host: 'mail.example.org',
          port: 587,
          secure: false,
          user: 'mailer',
          from: 'gh@example.org',
          passwordSet: true,
        },
        webhook: null,
      },
    });
    expect(JSON.stringify(answer.body)).not.toContain('smtp-password-from-env');
  });

  it('saves channels sealed in the database, keeps write-only secrets, and tests them for real', async () => {
    smtp = await startSmtpListener({ user: 'mailer', password: 'smtp-pass-123' });
    hook = await startWebhookListener();
    gate = await startGatehouse();
    const saved = await gate.admin('PUT', path, {
      smtp: {
        host: smtp.host,
        port: smtp.port,
        user: 'mailer',
        password: 'smtp-pass-123',
        from: 'gh@example.org',
      },
      webhook: { url: hook.url, secret: 'webhook-secret-0123456789' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      source: 'database',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', passwordSet: true },
      webhook: { url: hook.url, timeoutMs: 10_000, secretSet: true },
    });
    expect(JSON.stringify(saved.body)).not.toMatch(/smtp-pass-123|webhook-secret/);
    // At rest the secrets are sealed.
    const row = await gate.gatehouse.storage.db
      .selectFrom('notification_settings')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(`${row.smtp}${row.webhook}`).not.toMatch(/smtp-pass-123|webhook-secret/);

    // Changing the sender without resending the password keeps it (the test mail authenticates).
    const changed = await gate.admin('PUT', path, {
      smtp: { host: smtp.host, port: smtp.port, user: 'mailer', from: 'other@example.org' },
    });
    expect(changed.body).toMatchObject({
      smtp: { from: 'other@example.org', passwordSet: true },
      webhook: { secretSet: true },
    });

    const tested = await gate.admin<{ delivered: boolean; results: Array<{ channel: string; ok: boolean }> }>(
      'POST',
      `${path}/test`,
      { to: 'someone@example.org' },
    );
    expect(tested.status).toBe(200);
    expect(tested.body.delivered).toBe(true);
    expect(tested.body.results.map((result) => `${result.channel}:${result.ok}`).sort()).toEqual([
      'smtp:true',
      'webhook:true',
    ]);
    expect(smtp.mails[0]).toMatchObject({
      to: ['someone@example.org'],
      from: 'other@example.org',
      user: 'mailer',
    });
    expect(smtp.mails[0]?.raw).toContain('Subject: Gatehouse test notification');
    const delivery = hook.received[0];
    const timestamp = Number(delivery?.headers['x-gatehouse-timestamp']);
    expect(
      verifyWebhookSignature(
        'webhook-secret-0123456789',
        timestamp,
        delivery?.body ?? '',
        String(delivery?.headers['x-gatehouse-signature']),
      ),
    ).toBe(true);
    expect(delivery?.json).toMatchObject({ event: 'test', recipient: { email: 'someone@example.org' } });
  });

  it('answers the test with each failure, and a clear error when nothing is configured', async () => {
    gate = await startGatehouse();
    const none = await gate.admin('POST', `${path}/test`, {});
    expect(none).toEqual({
      status: 400,
      body: { error: { type: 'invalid_request', message: 'No notification channel is configured.' } },
    });
    hook = await startWebhookListener();
    hook.answerWith(503);
    await gate.admin('PUT', path, { webhook: { url: hook.url } });
    const failed = await gate.admin('POST', `${path}/test`, {});
    expect(failed).toEqual({
      status: 200,
      body: {
        delivered: false,
        results: [{ channel: 'webhook', ok: false, detail: 'the webhook answered HTTP 503' }],
      },
    });
    expect(gate.logs.join('')).toContain('notification delivery failed');
  });

  it('turns channels off, reverts to the config file, and refuses bad input', async () => {
    gate = await startGatehouse({ GATEHOUSE_WEBHOOK_URL: 'http://127.0.0.1:9/hook' });
    const off = await gate.admin('PUT', path, { webhook: null });
    expect(off.body).toMatchObject({ source: 'database', smtp: null, webhook: null });
    const reverted = await gate.admin('DELETE', path);
    expect(reverted.body).toMatchObject({
      source: 'config',
      webhook: { url: 'http://127.0.0.1:9/hook', secretSet: false },
    });
    for (const body of [
      { webhook: { url: 'file:///etc/passwd' } },
      { webhook: { url: 'http://x', secret: 'short' } },
      { smtp: { host: 'h' } },
      { smtp: { host: 'h', from: 'a@b', port: 70000 } },
      { extra: true },
    ]) {
      const answer = await gate.admin<{ error: { type: string } }>('PUT', path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.type).toBe('invalid_request');
    }
    expect((await gate.admin('POST', `${path}/test`, { to: 'not an address' })).status).toBe(400);
  });

  it('is for admins only', async () => {
    gate = await startGatehouse();
    for (const [method, url] of [
      ['GET', path],
      ['PUT', path],
      ['DELETE', path],
      ['POST', `${path}/test`],
    ] as const) {
      const response = await fetch(`${gate.url}${url}`, { method });
      expect(response.status, `${method} ${url}`).toBe(401);
    }
  });
});
