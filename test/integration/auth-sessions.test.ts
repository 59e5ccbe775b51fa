import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleSession,
  consoleLogin,
  login,
  manualClock,
  seedUser,
  sessionCookieOf,
} from '../support/console-session.js';
import { errorBody } from '../support/error-body.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

const adminPassword = 'correct horse battery staple';
const clock = manualClock(Date.parse('2026-03-01T00:00:00Z'));
let gate: RunningGatehouse;

beforeAll(async () => {
  gate = await startGatehouse({ GATEHOUSE_ADMIN_PASSWORD: adminPassword }, { now: clock.now });
  await seedUser(gate, { username: 'ann', password: 'ann-password-1' });
  await seedUser(gate, { username: 'locked-out', password: 'right-password' });
  await seedUser(gate, { username: 'off', password: 'off-password-1', enabled: false });
});

afterAll(async () => {
  await gate?.close();
});

describe('console login', () => {
  it('sets an httpOnly SameSite=Lax session cookie and answers the user and a CSRF token', async () => {
    const response = await login(gate, 'admin', adminPassword);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', email: null, displayName: null });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^gatehouse_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    // Plain http here: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('stores only the hash of the session id', async () => {
    const session = await consoleLogin(gate, 'ann', 'ann-password-1');
    const id = session.cookie.split('=')[1]!;
    const rows = await gate.gatehouse.storage.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.id_hash.includes(id))).toBe(false);
  });

  it('refuses a wrong password, an unknown user and a disabled user alike', async () => {
    for (const [username, password] of [
      ['ann', 'wrong'],
      ['nobody', 'whatever'],
      ['off', 'off-password-1'],
    ] as const) {
      const response = await login(gate, username, password);
      expect(response.status).toBe(401);
      expect(await errorBody(response)).toEqual({
        error: { type: 'authentication_failed', message: 'Invalid username or password.' },
      });
      expect(sessionCookieOf(response)).toBeUndefined();
    }
  });

  it('refuses malformed bodies and unknown fields with 400', async () => {
    for (const body of [{}, { username: 'ann' }, { username: 'ann', password: 'x', role: 'admin' }]) {
      const response = await fetch(`${gate.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect((await errorBody(response)).error.type).toBe('invalid_request');
    }
  });
});

describe('sessions', () => {
  let admin: ConsoleSession;
  let ann: ConsoleSession;
  beforeAll(async () => {
    admin = await consoleLogin(gate, 'admin', adminPassword);
    ann = await consoleLogin(gate, 'ann', 'ann-password-1');
  });

  it('answers the logged-in user at /api/auth/session, 401 without a session', async () => {
    const response = await ann.fetch('GET', '/api/auth/session');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { username: 'ann', role: 'user' },
      csrfToken: ann.csrfToken,
      via: 'user-session',
    });
    const anonymous = await fetch(`${gate.url}/api/auth/session`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${gate.url}/api/auth/session`, {
      headers: { cookie: `gatehouse_session=${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
  });

  it('lets an admin session use the admin API, with the CSRF token on writes', async () => {
    expect((await admin.fetch('GET', '/admin/api/keys', undefined, { csrf: false })).status).toBe(200);
    const withoutToken = await admin.fetch('POST', '/admin/api/keys', { name: 'k' }, { csrf: false });
    expect(withoutToken.status).toBe(403);
    expect((await errorBody(withoutToken)).error.type).toBe('permission_denied');
    const wrongToken = await fetch(`${gate.url}/admin/api/keys`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': ann.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'k' }),
    });
    expect(wrongToken.status).toBe(403);
    expect((await admin.fetch('POST', '/admin/api/keys', { name: 'k' })).status).toBe(201);
  });

  it('needs no CSRF token from Bearer callers', async () => {
    expect((await gate.admin('POST', '/admin/api/keys', { name: 'bearer' })).status).toBe(201);
  });

  it('refuses a user session on the admin API with 403', async () => {
    const response = await ann.fetch('GET', '/admin/api/keys');
    expect(response.status).toBe(403);
    expect((await errorBody(response)).error.type).toBe('permission_denied');
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const session = await consoleLogin(gate, 'ann', 'ann-password-1');
    expect((await session.fetch('POST', '/api/auth/logout', undefined, { csrf: false })).status).toBe(403);
    const response = await session.fetch('POST', '/api/auth/logout');
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/^gatehouse_session=;/);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(401);
    // The other session of the same user is untouched.
    expect((await ann.fetch('GET', '/api/auth/session')).status).toBe(200);
  });

  it('expires after the idle timeout, and is kept alive by use', async () => {
    const session = await consoleLogin(gate, 'ann', 'ann-password-1');
    clock.advance(11 * 3_600_000);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(200);
    clock.advance(11 * 3_600_000);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(200);
    clock.advance(12 * 3_600_000);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(401);
  });

  it('expires at its absolute age however active', async () => {
    const session = await consoleLogin(gate, 'ann', 'ann-password-1');
    for (let hour = 0; hour < 7 * 24 - 6; hour += 6) {
      clock.advance(6 * 3_600_000);
      expect((await session.fetch('GET', '/api/auth/session')).status).toBe(200);
    }
    clock.advance(12 * 3_600_000);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(401);
  });

  it('ends every session of a user that is disabled', async () => {
    const user = await seedUser(gate, { username: 'leaver', password: 'leaver-password' });
    const session = await consoleLogin(gate, 'leaver', 'leaver-password');
    await gate.gatehouse.admin.users.update(user.id, { enabled: false }, clock.now());
    await gate.gatehouse.admin.auth.sessions.revokeUser(user.id);
    expect((await session.fetch('GET', '/api/auth/session')).status).toBe(401);
  });
});

describe('login throttling', () => {
  it('locks a username after 5 failures for 15 minutes, even for the right password', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login(gate, 'locked-out', `wrong-${attempt}`)).status).toBe(401);
    }
    const locked = await login(gate, 'locked-out', 'right-password');
    expect(locked.status).toBe(429);
    expect((await errorBody(locked)).error.type).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBe(900);
    clock.advance(10 * 60_000);
    expect(Number((await login(gate, 'locked-out', 'right-password')).headers.get('retry-after'))).toBe(300);
    clock.advance(5 * 60_000);
    expect((await login(gate, 'locked-out', 'right-password')).status).toBe(200);
  });

  it('locks an address after 20 failures across usernames', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await login(gate, `probe-${attempt}`, 'guess', from);
    }
    // Without a trusted proxy the forwarded header is ignored: this is the same loopback address.
    const response = await login(gate, 'admin', adminPassword);
    expect(response.status).toBe(429);
    clock.advance(15 * 60_000);
    expect((await login(gate, 'admin', adminPassword)).status).toBe(200);
  });
});
