import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, consoleLogin, seedUser } from '../support/console-session.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import { sendMessage } from '../support/send-message.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers probed field by field
type AnyBody = Record<string, any>;

let fixture: RelayFixture;
let gate: RunningGatehouse;
let ann: ConsoleSession;
let bob: ConsoleSession;

async function json(response: Response): Promise<{ status: number; body: AnyBody }> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as AnyBody) : {} };
}

beforeAll(async () => {
  fixture = await startRelayFixture();
  gate = fixture.gate;
  await seedUser(gate, { username: 'ann', password: 'ann-password-1' });
  await seedUser(gate, { username: 'bob', password: 'bob-password-1' });
  ann = await consoleLogin(gate, 'ann', 'ann-password-1');
  bob = await consoleLogin(gate, 'bob', 'bob-password-1');
  const limits = await gate.admin('PATCH', `/admin/api/users/${ann.user.id}/limits`, {
    rpmLimit: 100,
    dailyTokenLimit: 100_000,
  });
  expect(limits.status).toBe(200);
});

afterAll(() => fixture?.close());

describe('self-service keys', () => {
  it('creates a key owned by the caller, shown once, that works against the upstream', async () => {
    const created = await json(await ann.fetch('POST', '/api/keys', { name: 'laptop', rpmLimit: 50 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'laptop', userId: ann.user.id, group: null, rpmLimit: 50 });
    expect(created.body.key).toMatch(/^sk-gate-/);
    expect(await sendMessage(gate, created.body.key)).toBe(200);
    const listed = await json(await ann.fetch('GET', '/api/keys'));
    expect(listed.body.keys.map((key: AnyBody) => key.id)).toEqual([created.body.id]);
    expect(listed.body.keys[0].key).toBeUndefined();
    expect((await json(await bob.fetch('GET', '/api/keys'))).body.keys).toEqual([]);
  });

  it('refuses mass assignment of the owner or the group with 400', async () => {
    for (const body of [
      { name: 'x', userId: bob.user.id },
      { name: 'x', group: 'premium' },
      { name: 'x', role: 'admin' },
    ]) {
      const answer = await json(await ann.fetch('POST', '/api/keys', body));
      expect(answer.status).toBe(400);
      expect(answer.body.error.type).toBe('invalid_request');
    }
    const key = (await json(await ann.fetch('POST', '/api/keys', { name: 'mine' }))).body;
    const patched = await json(await ann.fetch('PATCH', `/api/keys/${key.id}`, { userId: bob.user.id }));
    expect(patched.status).toBe(400);
  });

  it('refuses a limit above the owner’s own, naming the field', async () => {
    const above = await json(await ann.fetch('POST', '/api/keys', { name: 'x', rpmLimit: 101 }));
    expect(above.status).toBe(400);
    expect(above.body.error.message).toContain('rpmLimit');
    const key = (await json(await ann.fetch('POST', '/api/keys', { name: 'capped', rpmLimit: 100 }))).body;
    const patched = await json(await ann.fetch('PATCH', `/api/keys/${key.id}`, { dailyTokenLimit: 200_000 }));
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toContain('dailyTokenLimit');
    const within = await json(await ann.fetch('PATCH', `/api/keys/${key.id}`, { dailyTokenLimit: 50_000 }));
    expect(within).toMatchObject({ status: 200, body: { dailyTokenLimit: 50_000 } });
  });

  it('answers 404 for another user’s key on every route', async () => {
    const key = (await json(await ann.fetch('POST', '/api/keys', { name: 'private' }))).body;
    expect((await bob.fetch('PATCH', `/api/keys/${key.id}`, { name: 'stolen' })).status).toBe(404);
    expect((await bob.fetch('DELETE', `/api/keys/${key.id}`)).status).toBe(404);
    expect((await bob.fetch('POST', `/api/keys/${key.id}/regenerate`)).status).toBe(404);
    const admin = await gate.admin<AnyBody>('GET', `/admin/api/keys/${key.id}`);
    expect(admin.body).toMatchObject({ name: 'private', deletedAt: null });
  });

  it('regenerates (old secret refused at once) and soft-deletes', async () => {
    const key = (await json(await ann.fetch('POST', '/api/keys', { name: 'leaky' }))).body;
    const regenerated = await json(await ann.fetch('POST', `/api/keys/${key.id}/regenerate`));
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.key).not.toBe(key.key);
    expect(await sendMessage(gate, key.key)).toBe(401);
    expect(await sendMessage(gate, regenerated.body.key)).toBe(200);
    expect((await ann.fetch('DELETE', `/api/keys/${key.id}`)).status).toBe(204);
    expect(await sendMessage(gate, regenerated.body.key)).toBe(401);
    expect((await ann.fetch('DELETE', `/api/keys/${key.id}`)).status).toBe(404);
    const trash = await gate.admin<AnyBody>('GET', '/admin/api/keys/trash');
    expect(trash.body.keys.map((entry: AnyBody) => entry.id)).toContain(key.id);
  });

  it('needs the CSRF token on cookie writes', async () => {
    expect((await ann.fetch('POST', '/api/keys', { name: 'x' }, { csrf: false })).status).toBe(403);
  });

  it('shows the caller’s limits and remaining budget in /api/me', async () => {
    const me = await json(await ann.fetch('GET', '/api/me'));
    expect(me.status).toBe(200);
    expect(me.body.limits).toMatchObject({ rpmLimit: 100, dailyTokenLimit: 100_000, hourlyTokenLimit: null });
    expect(me.body.budgets).toHaveLength(1);
    const [daily] = me.body.budgets;
    expect(daily).toMatchObject({ scope: 'user', unit: 'tokens', period: 'day', limit: 100_000 });
    // The first test's request was charged to ann's daily counter.
    expect(daily.used).toBeGreaterThan(0);
    expect(daily.remaining).toBe(100_000 - daily.used - daily.reserved);
    expect(Date.parse(daily.resetsAt)).toBeGreaterThan(Date.now());
  });
});
