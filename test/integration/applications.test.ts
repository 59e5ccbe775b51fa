import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, consoleLogin } from '../support/console-session.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import { sendMessage } from '../support/send-message.js';
import { type SmtpListener, startSmtpListener } from '../support/smtp-listener.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers probed field by field
type AnyBody = Record<string, any>;

let smtp: SmtpListener;
let fixture: RelayFixture;
let gate: RunningGatehouse;
let ann: ConsoleSession;
let bob: ConsoleSession;
let annKey: string;

async function json(response: Response): Promise<{ status: number; body: AnyBody }> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as AnyBody) : {} };
}

async function createUser(username: string, role: 'admin' | 'user', email: string) {
  const answer = await gate.admin('POST', '/admin/api/users', {
    username,
    role,
    email,
    password: `${username}-password-1`,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}

async function mailTo(address: string, subjectPart: string) {
  for (let index = 0; ; index++) {
    const mail = await smtp.nextMail(index);
    if (mail.to.includes(address) && mail.raw.includes(subjectPart)) return mail;
  }
}

const setUserLimits = (userId: string, limits: Record<string, unknown>) =>
  gate.admin('PATCH', `/admin/api/users/${userId}/limits`, limits);

beforeAll(async () => {
  smtp = await startSmtpListener();
  fixture = await startRelayFixture(
    {},
    {
      GATEHOUSE_SMTP_HOST: smtp.host,
      GATEHOUSE_SMTP_PORT: String(smtp.port),
      GATEHOUSE_SMTP_FROM: 'gh@example.org',
    },
  );
  gate = fixture.gate;
  await createUser('root', 'admin', 'root@example.org');
  await createUser('ann', 'user', 'ann@example.org');
  await createUser('bob', 'user', 'bob@example.org');
  ann = await consoleLogin(gate, 'ann', 'ann-password-1');
  bob = await consoleLogin(gate, 'bob', 'bob-password-1');
  annKey = (await json(await ann.fetch('POST', '/api/keys', { name: 'work' }))).body.key;
});

afterAll(async () => {
  await fixture?.close();
  await smtp?.close();
});

describe('applications', () => {
  it('model access: apply, admins are mailed, approve, the user is mailed and the key can use the model at once', async () => {
    expect((await setUserLimits(ann.user.id, { allowedModels: ['claude-haiku-*'] })).status).toBe(200);
    expect(await sendMessage(gate, annKey)).toBe(403);
    const applied = await json(
      await ann.fetch('POST', '/api/applications', {
        kind: 'model-access',
        reason: 'I need Sonnet for code review',
        models: ['claude-sonnet-4-5'],
      }),
    );
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      kind: 'model-access',
      status: 'pending',
      userId: ann.user.id,
      models: ['claude-sonnet-4-5'],
      group: null,
      limits: null,
      reviewerComment: null,
      decidedAt: null,
    });
    const submitted = await mailTo('root@example.org', 'ann applies for model-access');
    expect(submitted.raw).toContain('I need Sonnet for code review');

    const pending = await gate.admin<AnyBody>('GET', '/admin/api/applications?status=pending');
    expect(pending.body.applications.map((entry: AnyBody) => entry.id)).toEqual([applied.body.id]);
    const decided = await gate.admin<AnyBody>('POST', `/admin/api/applications/${applied.body.id}/decision`, {
      decision: 'approve',
      comment: 'ok for this quarter',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', reviewerComment: 'ok for this quarter' });
    expect(await sendMessage(gate, annKey)).toBe(200);
    const limits = await gate.admin<AnyBody>('GET', `/admin/api/users/${ann.user.id}/limits`);
    expect(limits.body.allowedModels).toEqual(['claude-haiku-*', 'claude-sonnet-4-5']);
    const told = await mailTo('ann@example.org', 'your application was approved');
    expect(told.raw).toContain('ok for this quarter');

    const again = await gate.admin<AnyBody>('POST', `/admin/api/applications/${applied.body.id}/decision`, {
      decision: 'reject',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.type).toBe('conflict');
  });

  it('quota: approval raises the user’s limit for the very next request; rejection changes nothing', async () => {
    expect((await setUserLimits(bob.user.id, { rpmLimit: 1 })).status).toBe(200);
    const bobKey = (await json(await bob.fetch('POST', '/api/keys', { name: 'ci' }))).body.key;
    expect(await sendMessage(gate, bobKey)).toBe(200);
    expect(await sendMessage(gate, bobKey)).toBe(429);

    const first = await json(
      await bob.fetch('POST', '/api/applications', {
        kind: 'quota',
        reason: 'CI',
        limits: { rpmLimit: 1000 },
      }),
    );
    expect(first.status).toBe(201);
    const rejected = await gate.admin<AnyBody>('POST', `/admin/api/applications/${first.body.id}/decision`, {
      decision: 'reject',
      comment: 'too much',
    });
    expect(rejected.body.status).toBe('rejected');
    expect((await gate.admin<AnyBody>('GET', `/admin/api/users/${bob.user.id}/limits`)).body.rpmLimit).toBe(
      1,
    );
    expect(await sendMessage(gate, bobKey)).toBe(429);
    await mailTo('bob@example.org', 'your application was rejected');

    const second = await json(
      await bob.fetch('POST', '/api/applications', {
        kind: 'quota',
        reason: 'CI',
        limits: { rpmLimit: 100 },
      }),
    );
    await gate.admin('POST', `/admin/api/applications/${second.body.id}/decision`, { decision: 'approve' });
    expect((await gate.admin<AnyBody>('GET', `/admin/api/users/${bob.user.id}/limits`)).body.rpmLimit).toBe(
      100,
    );
    expect(await sendMessage(gate, bobKey)).toBe(200);
    const mine = await json(await bob.fetch('GET', '/api/applications'));
    expect(mine.body.applications.map((entry: AnyBody) => entry.status)).toEqual(['approved', 'rejected']);
  });

  it('withdraws only the caller’s own pending applications; another user’s is 404', async () => {
    const applied = await json(
      await ann.fetch('POST', '/api/applications', { kind: 'model-access', reason: 'r', group: 'premium' }),
    );
    expect((await bob.fetch('POST', `/api/applications/${applied.body.id}/withdraw`)).status).toBe(404);
    const withdrawn = await json(await ann.fetch('POST', `/api/applications/${applied.body.id}/withdraw`));
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', group: 'premium' });
    expect((await ann.fetch('POST', `/api/applications/${applied.body.id}/withdraw`)).status).toBe(409);
    const decided = await gate.admin('POST', `/admin/api/applications/${applied.body.id}/decision`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(409);
    expect((await json(await bob.fetch('GET', '/api/applications'))).body.applications).not.toContainEqual(
      expect.objectContaining({ id: applied.body.id }),
    );
  });

  it('refuses malformed applications and decisions with 400', async () => {
    for (const body of [
      { kind: 'quota-raise', reason: 'r', limits: { rpmLimit: 5 } },
      { kind: 'quota', reason: 'r', limits: {} },
      { kind: 'quota', reason: 'r', limits: { role: 'admin' } },
      { kind: 'model-access', reason: 'r' },
      { kind: 'model-access', reason: '', models: ['x'] },
      { kind: 'model-access', reason: 'r', models: ['x'], userId: bob.user.id },
    ]) {
      expect((await ann.fetch('POST', '/api/applications', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await gate.admin('POST', '/admin/api/applications/nope/decision', { decision: 'approve' })).status,
    ).toBe(404);
    expect((await gate.admin('GET', '/admin/api/applications?status=open')).status).toBe(400);
    expect((await ann.fetch('GET', '/admin/api/applications')).status).toBe(403);
  });

  it('binds the user’s keys to an approved account group', async () => {
    const applied = await json(
      await ann.fetch('POST', '/api/applications', { kind: 'model-access', reason: 'r', group: 'premium' }),
    );
    await gate.admin('POST', `/admin/api/applications/${applied.body.id}/decision`, { decision: 'approve' });
    expect((await gate.admin<AnyBody>('GET', `/admin/api/users/${ann.user.id}/limits`)).body.group).toBe(
      'premium',
    );
    // The only account is in no group: the key is now bound to one that has none.
    expect(await sendMessage(gate, annKey)).not.toBe(200);
  });
});
