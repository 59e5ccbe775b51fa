import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpListener, startSmtpListener } from '../../test/support/smtp-listener.js';
import { startWebhookListener, type WebhookListener } from '../../test/support/webhook-listener.js';
import { createLogger } from '../logging/logger.js';
import type { Addressee } from './notification.js';
import type { NotificationSettings } from './notification-settings.js';
import { createNotifier, type RecipientDirectory } from './notifier.js';
import { verifyWebhookSignature } from './sign-webhook.js';

const people: Record<string, Addressee> = {
  u1: { userId: 'u1', username: 'alice', email: 'alice@example.org' },
  u2: { userId: 'u2', username: 'bob' },
  a1: { userId: 'a1', username: 'root', email: 'root@example.org' },
  a2: { userId: 'a2', username: 'ops', email: 'ops@example.org' },
};
const directory: RecipientDirectory = {
  user: async (id) => people[id],
  admins: async () => [people.a1, people.a2, { userId: 'a3', username: 'noemail' }] as Addressee[],
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function notifierWith(settings: NotificationSettings) {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const notifier = createNotifier({
    settings: async () => settings,
    directory,
    logger: createLogger('info', sink),
    now: () => Date.UTC(2030, 0, 1),
  });
  return { notifier, logs };
}

async function smtp(credentials?: { user: string; password: string }): Promise<SmtpListener> {
  const listener = await startSmtpListener(credentials);
  cleanups.push(() => listener.close());
  return listener;
}

async function webhook(): Promise<WebhookListener> {
  const listener = await startWebhookListener();
  cleanups.push(() => listener.close());
  return listener;
}

const secret = 'a-webhook-secret-of-some-length';

describe('notifier', () => {
  it('mails a user at their address through a real SMTP server, authenticating', async () => {
    const server = await smtp({ user: 'mailer', password: 'p4ss' });
    const { notifier } = notifierWith({
      smtp: {
        host: server.host,
        port: server.port,
        secure: false,
        user: 'mailer',
        password: 'p4ss',
        from: 'Gatehouse <gh@example.org>',
      },
      webhook: null,
    });
    const report = await notifier.send(
      { userId: 'u1' },
      {
        event: 'test',
        subject: 'Hello there',
        text: 'Your code is 493027.',
        html: '<p>Your code is <b>493027</b>.</p>',
      },
    );
    expect(report).toMatchObject({ delivered: true, results: [{ channel: 'smtp', ok: true }] });
    const mail = server.mails[0];
    expect(mail?.to).toEqual(['alice@example.org']);
    expect(mail?.from).toBe('gh@example.org');
    expect(mail?.user).toBe('mailer');
    expect(mail?.raw).toContain('Subject: Hello there');
    expect(mail?.raw).toContain('Your code is 493027.');
    expect(mail?.raw).toContain('text/html');
  });

  it('posts a signed JSON webhook that a receiver can verify', async () => {
    const hook = await webhook();
    const { notifier } = notifierWith({ smtp: null, webhook: { url: hook.url, secret, timeoutMs: 5000 } });
    const report = await notifier.send(
      { userId: 'u2' },
      { event: 'one-time-code', subject: 'Code', text: 'Code 123456' },
    );
    expect(report).toEqual({
      delivered: true,
      results: [{ channel: 'webhook', ok: true, detail: 'HTTP 200' }],
    });
    const [delivery] = hook.received;
    expect(delivery?.headers['x-gatehouse-event']).toBe('one-time-code');
    expect(delivery?.headers['content-type']).toBe('application/json');
    const timestamp = Number(delivery?.headers['x-gatehouse-timestamp']);
    expect(timestamp).toBe(Date.UTC(2030, 0, 1) / 1000);
    const signature = String(delivery?.headers['x-gatehouse-signature']);
    expect(verifyWebhookSignature(secret, timestamp, delivery?.body ?? '', signature)).toBe(true);
    expect(
      verifyWebhookSignature('another-secret-entirely', timestamp, delivery?.body ?? '', signature),
    ).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, `${delivery?.body} `, signature)).toBe(false);
    expect(delivery?.json).toEqual({
      event: 'one-time-code',
      recipient: { userId: 'u2', username: 'bob', email: null, audience: null },
      subject: 'Code',
      text: 'Code 123456',
      sentAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('sends to every channel that can reach the recipient', async () => {
    const server = await smtp();
    const hook = await webhook();
    const { notifier } = notifierWith({
      smtp: { host: server.host, port: server.port, secure: false, from: 'gh@example.org' },
      webhook: { url: hook.url, secret, timeoutMs: 5000 },
    });
    // Bob has no email: only the webhook can reach him.
    const toBob = await notifier.send({ userId: 'u2' }, { event: 'test', subject: 's', text: 't' });
    expect(toBob.results.map((result) => result.channel)).toEqual(['webhook']);
    // A bare address: mail and webhook.
    const toAddress = await notifier.send(
      { email: 'x@example.org' },
      { event: 'test', subject: 's', text: 't' },
    );
    expect(toAddress.results.map((result) => result.channel).sort()).toEqual(['smtp', 'webhook']);
    expect(server.mails.at(-1)?.to).toEqual(['x@example.org']);
    expect(hook.received.at(-1)?.json.recipient).toMatchObject({ email: 'x@example.org' });
  });

  it('mails every admin with an address and posts one webhook to the admins audience', async () => {
    const server = await smtp();
    const hook = await webhook();
    const { notifier } = notifierWith({
      smtp: { host: server.host, port: server.port, secure: false, from: 'gh@example.org' },
      webhook: { url: hook.url, timeoutMs: 5000 },
    });
    const report = await notifier.send({ admins: true }, { event: 'account-alert', subject: 'a', text: 'b' });
    expect(report.delivered).toBe(true);
    expect(report.results).toHaveLength(3);
    expect(server.mails.flatMap((mail) => mail.to).sort()).toEqual(['ops@example.org', 'root@example.org']);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.json.recipient).toEqual({
      userId: null,
      username: null,
      email: null,
      audience: 'admins',
    });
    // Unsigned when no secret is configured.
    expect(hook.received[0]?.headers['x-gatehouse-signature']).toBeUndefined();
  });

  it('reports failures without throwing, logs them, and keeps the message out of the log', async () => {
    const hook = await webhook();
    hook.answerWith(500);
    const closed = await smtp();
    await closed.close();
    const { notifier, logs } = notifierWith({
      smtp: { host: closed.host, port: closed.port, secure: false, from: 'gh@example.org' },
      webhook: { url: hook.url, secret, timeoutMs: 5000 },
    });
    const report = await notifier.send(
      { userId: 'u1' },
      { event: 'one-time-code', subject: 's', text: 'code 777111' },
    );
    expect(report.delivered).toBe(false);
    const byChannel = Object.fromEntries(report.results.map((result) => [result.channel, result]));
    expect(byChannel.webhook).toEqual({
      channel: 'webhook',
      ok: false,
      detail: 'the webhook answered HTTP 500',
    });
    expect(byChannel.smtp?.ok).toBe(false);
    expect(byChannel.smtp?.detail).toMatch(/ECONNREFUSED/);
    expect(logs.join('')).toContain('notification delivery failed');
    expect(logs.join('')).not.toContain('777111');
  });

  it('gives up on a webhook that does not answer within its timeout', async () => {
    const hook = await webhook();
    hook.hang();
    const { notifier } = notifierWith({ smtp: null, webhook: { url: hook.url, timeoutMs: 200 } });
    const report = await notifier.send({ userId: 'u1' }, { event: 'test', subject: 's', text: 't' });
    expect(report.results).toEqual([
      { channel: 'webhook', ok: false, detail: 'the webhook did not answer within 200 ms' },
    ]);
  });

  it('says why nothing was sent', async () => {
    const none = notifierWith({ smtp: null, webhook: null }).notifier;
    expect(await none.send({ userId: 'u1' }, { event: 'test', subject: 's', text: 't' })).toEqual({
      delivered: false,
      results: [],
      skipped: 'no channel is configured',
    });
    expect(await none.channels()).toEqual([]);
    const mailOnly = notifierWith({
      smtp: { host: '127.0.0.1', port: 1, secure: false, from: 'gh@example.org' },
      webhook: null,
    }).notifier;
    expect(await mailOnly.channels()).toEqual(['smtp']);
    expect((await mailOnly.send({ userId: 'u2' }, { event: 'test', subject: 's', text: 't' })).skipped).toBe(
      'no configured channel can reach the recipient',
    );
    expect(
      (await mailOnly.send({ userId: 'nobody' }, { event: 'test', subject: 's', text: 't' })).skipped,
    ).toBe('no such user, or the user is disabled');
  });
});
