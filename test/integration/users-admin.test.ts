import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogin, login } from '../support/console-session.js';
import { errorBody } from '../support/error-body.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

const adminPassword = 'correct horse battery staple';
let gate: RunningGatehouse;

beforeAll(async () => {
  gate = await startGatehouse({ GATEHOUSE_ADMIN_PASSWORD: adminPassword });
});

afterAll(async () => {
  await gate?.close();
});

type UserView = { id: string; username: string; role: string; enabled: boolean; hasPassword: boolean };

async function createUser(fields: Record<string, unknown>) {
  const answer = await gate.admin<UserView>('POST', '/admin/api/users', fields);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

describe('users admin API', () => {
  it('creates, lists, reads, updates and deletes users; the password is write-only', async () => {
    const created = await createUser({
      username: 'bea',
      password: 'bea-password-1',
      email: 'bea@example.com',
      displayName: 'Bea',
    });
    expect(created).toMatchObject({ username: 'bea', role: 'user', enabled: true, hasPassword: true });
    expect(JSON.stringify(created)).not.toMatch(/password"|scrypt/);
    const list = await gate.admin<{ users: UserView[] }>('GET', '/admin/api/users');
    expect(list.body.users.map((user) => user.username)).toEqual(['admin', 'bea']);
    expect((await gate.admin('GET', `/admin/api/users/${created.id}`)).body).toMatchObject({
      email: 'bea@example.com',
    });
    const updated = await gate.admin('PATCH', `/admin/api/users/${created.id}`, {
      role: 'admin',
      displayName: null,
    });
    expect(updated.body).toMatchObject({ role: 'admin', displayName: null });
    expect((await gate.admin('DELETE', `/admin/api/users/${created.id}`)).status).toBe(204);
    expect((await gate.admin('GET', `/admin/api/users/${created.id}`)).status).toBe(404);
  });

  it('refuses a taken username, unknown fields and bad values', async () => {
    await createUser({ username: 'cal' });
    expect((await gate.admin('POST', '/admin/api/users', { username: 'cal' })).status).toBe(409);
    for (const body of [
      { username: 'x', isAdmin: true },
      { username: 'has space' },
      { username: 'dee', role: 'root' },
      { username: 'dee', password: 'short' },
      { username: 'dee', passwordHash: 'scrypt$1' },
    ]) {
      const answer = await gate.admin('POST', '/admin/api/users', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('never leaves Gatehouse without an enabled admin', async () => {
    const admin = (await gate.admin<{ users: UserView[] }>('GET', '/admin/api/users')).body.users.find(
      (user) => user.username === 'admin',
    )!;
    for (const [method, body] of [
      ['PATCH', { enabled: false }],
      ['PATCH', { role: 'user' }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await gate.admin(method, `/admin/api/users/${admin.id}`, body);
      expect(answer.status).toBe(409);
      expect((answer.body as { error: { type: string } }).error.type).toBe('conflict');
    }
    const second = await createUser({ username: 'second-admin', role: 'admin' });
    expect((await gate.admin('PATCH', `/admin/api/users/${admin.id}`, { role: 'user' })).status).toBe(200);
    expect((await gate.admin('PATCH', `/admin/api/users/${second.id}`, { enabled: false })).status).toBe(409);
    expect((await gate.admin('PATCH', `/admin/api/users/${admin.id}`, { role: 'admin' })).status).toBe(200);
  });

  it('ends the sessions of a disabled user and of a user whose password an admin resets', async () => {
    const user = await createUser({ username: 'eve', password: 'eve-password-1' });
    const first = await consoleLogin(gate, 'eve', 'eve-password-1');
    await gate.admin('PATCH', `/admin/api/users/${user.id}`, { password: 'eve-password-2' });
    expect((await first.fetch('GET', '/api/me')).status).toBe(401);
    const second = await consoleLogin(gate, 'eve', 'eve-password-2');
    await gate.admin('PATCH', `/admin/api/users/${user.id}`, { enabled: false });
    expect((await second.fetch('GET', '/api/me')).status).toBe(401);
    expect((await login(gate, 'eve', 'eve-password-2')).status).toBe(401);
  });

  it('takes admin rights away from a demoted admin at once', async () => {
    const user = await createUser({ username: 'fay', password: 'fay-password-1', role: 'admin' });
    const session = await consoleLogin(gate, 'fay', 'fay-password-1');
    expect((await session.fetch('GET', '/admin/api/users')).status).toBe(200);
    await gate.admin('PATCH', `/admin/api/users/${user.id}`, { role: 'user' });
    expect((await session.fetch('GET', '/admin/api/users')).status).toBe(403);
    expect((await session.fetch('GET', '/api/me')).status).toBe(200);
  });
});

describe('self-service profile and password', () => {
  it('answers the caller at /api/me', async () => {
    await createUser({ username: 'gus', password: 'gus-password-1', email: 'gus@example.com' });
    const session = await consoleLogin(gate, 'gus', 'gus-password-1');
    const me = await session.fetch('GET', '/api/me');
    expect(await me.json()).toMatchObject({
      user: {
        id: session.user.id,
        username: 'gus',
        role: 'user',
        email: 'gus@example.com',
        displayName: null,
      },
      // No limits set: nothing is limited and there is no budget to report.
      limits: { rpmLimit: null, totalBudget: null, allowedModels: [] },
      budgets: [],
    });
    // The bootstrap token belongs to no user.
    expect((await gate.admin('GET', '/api/me')).status).toBe(403);
  });

  it('changes the own password with the current one, ending other sessions but not the caller', async () => {
    await createUser({ username: 'hal', password: 'hal-password-1' });
    const other = await consoleLogin(gate, 'hal', 'hal-password-1');
    const session = await consoleLogin(gate, 'hal', 'hal-password-1');
    const wrong = await session.fetch('POST', '/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'hal-password-2',
    });
    expect(wrong.status).toBe(403);
    const changed = await session.fetch('POST', '/api/me/password', {
      currentPassword: 'hal-password-1',
      newPassword: 'hal-password-2',
    });
    expect(changed.status).toBe(200);
    const renewed = (await changed.json()) as { csrfToken: string };
    const cookie = changed.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await fetch(`${gate.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    expect(renewed.csrfToken).not.toBe(session.csrfToken);
    expect((await session.fetch('GET', '/api/me')).status).toBe(401);
    expect((await other.fetch('GET', '/api/me')).status).toBe(401);
    expect((await login(gate, 'hal', 'hal-password-1')).status).toBe(401);
    expect((await login(gate, 'hal', 'hal-password-2')).status).toBe(200);
  });

  it('refuses mass assignment: a user cannot set their own role through any self-service route', async () => {
    await createUser({ username: 'ivy', password: 'ivy-password-1' });
    const session = await consoleLogin(gate, 'ivy', 'ivy-password-1');
    const answer = await session.fetch('POST', '/api/me/password', {
      currentPassword: 'ivy-password-1',
      newPassword: 'ivy-password-2',
      role: 'admin',
    });
    expect(answer.status).toBe(400);
    expect((await errorBody(answer)).error.message).toMatch(/role/);
    expect((await session.fetch('GET', '/api/me').then((r) => r.json())) as object).toMatchObject({
      user: { role: 'user' },
    });
  });
});
