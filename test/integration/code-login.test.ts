import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, sessionCookieOf } from '../support/console-session.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { codeInMail, type SmtpListener, startSmtpListener } from '../support/smtp-listener.js';
import { startWebhookListener, type WebhookListener } from '../support/webhook-listener.js';

describe('one-time code login', () => {
  let gate: RunningGatehouse | undefined;
  let smtp: SmtpListener | undefined;
  let hook: WebhookListener | undefined;
  afterEach(async () => {
    await gate?.close();
    await smtp?.close();
    await hook?.close();
    gate = smtp = hook = undefined;
  });

  async function start(env: Record<string, string> = {}) {
    const clock = manualClock();
    smtp = await startSmtpListener();
    gate = await startGatehouse(
      {
        GATEHOUSE_SMTP_HOST: smtp.host,
        GATEHOUSE_SMTP_PORT: String(smtp.port),
        GATEHOUSE_SMTP_FROM: 'gh@example.org',
        ...env,
      },
      { now: clock.now },
    );
    return clock;
  }

  async function seed(username: string, email: string | null, enabled = true) {
    return gate?.gatehouse.admin.users.insert(
      { id: randomUUID(), username, role: 'user', passwordHash: null, email, enabled },
      Date.now(),
    );
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gate?.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const requestCode = (username: string) => post('/api/auth/code/request', { username });
  const verify = (username: string, code: string) => post('/api/auth/code/verify', { username, code });

  async function mailedCode(index: number): Promise<string> {
    const mail = await (smtp as SmtpListener).nextMail(index);
    const code = codeInMail(mail);
    if (!code) throw new Error(`no code in mail:\n${mail.raw}`);
    return code;
  }

  it('mails a code through real SMTP and logs in with it, once', async () => {
    await start();
    await seed('ann', 'ann@example.org');
    const requested = await requestCode('ann');
    expect(requested.status).toBe(202);
    expect(await requested.json()).toEqual({
      message: 'If this user exists and can receive messages, a code is on its way.',
      expiresInSeconds: 300,
    });
    const mail = await (smtp as SmtpListener).nextMail(0);
    expect(mail.to).toEqual(['ann@example.org']);
    const code = await mailedCode(0);
    expect(code).toMatch(/^\d{6}$/);

    const verified = await verify('ann', code);
    expect(verified.status).toBe(200);
    const body = (await verified.json()) as { user: { username: string }; csrfToken: string };
    expect(body.user.username).toBe('ann');
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = sessionCookieOf(verified);
    expect(cookie).toBeDefined();
    const session = await fetch(`${gate?.url}/api/auth/session`, { headers: { cookie: cookie as string } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { username: 'ann', email: 'ann@example.org' } });

    const again = await verify('ann', code);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      error: { type: 'authentication_failed', message: 'Invalid or expired code.' },
    });
  });

  it('answers unknown, disabled and unreachable users exactly like known ones, and sends nothing', async () => {
    await start();
    await seed('ann', 'ann@example.org');
    await seed('off', 'off@example.org', false);
    const answers = [];
    for (const username of ['nobody', 'off', 'ann']) {
      const response = await requestCode(username);
      answers.push({ status: response.status, body: await response.text() });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    await (smtp as SmtpListener).nextMail(0);
    expect(smtp?.mails.flatMap((mail) => mail.to)).toEqual(['ann@example.org']);
    expect((await verify('nobody', '123456')).status).toBe(401);
  });

  it('expires at five minutes', async () => {
    const clock = await start();
    await seed('ann', 'ann@example.org');
    await requestCode('ann');
    const first = await mailedCode(0);
    clock.advance(5 * 60_000 - 1_000);
    expect((await verify('ann', first)).status).toBe(200);
    await requestCode('ann');
    const second = await mailedCode(1);
    clock.advance(5 * 60_000);
    expect((await verify('ann', second)).status).toBe(401);
  });

  it('kills a code after five wrong guesses', async () => {
    await start();
    await seed('ann', 'ann@example.org');
    await requestCode('ann');
    const code = await mailedCode(0);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) expect((await verify('ann', wrong)).status).toBe(401);
    const late = await verify('ann', code);
    expect([401, 429]).toContain(late.status);
  });

  it('rate-limits code requests per username', async () => {
    await start();
    await seed('ann', 'ann@example.org');
    for (let i = 0; i < 5; i += 1) expect((await requestCode('ann')).status).toBe(202);
    const limited = await requestCode('ANN');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await requestCode('someone-else')).status).toBe(202);
    await (smtp as SmtpListener).nextMail(4);
  });

  it('delivers the code by the signed webhook to a user without email', async () => {
    hook = await startWebhookListener();
    await start();
    await gate?.admin('PUT', '/admin/api/settings/notifications', { smtp: null, webhook: { url: hook.url } });
    await seed('bob', null);
    expect((await requestCode('bob')).status).toBe(202);
    const delivery = await hook.nextDelivery(0);
    expect(delivery.json).toMatchObject({
      event: 'one-time-code',
      recipient: { username: 'bob', email: null },
    });
    const code = /\b(\d{6})\b/.exec(String(delivery.json.text))?.[1] as string;
    expect((await verify('bob', code)).status).toBe(200);
  });

  it('refuses malformed bodies', async () => {
    await start();
    expect((await post('/api/auth/code/request', {})).status).toBe(400);
    expect((await post('/api/auth/code/request', { username: 'a', extra: 1 })).status).toBe(400);
    expect((await post('/api/auth/code/verify', { username: 'a' })).status).toBe(400);
  });
});
