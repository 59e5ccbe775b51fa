import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogin, login, manualClock } from '../support/console-session.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

const adminPassword = 'correct horse battery staple';
const clock = manualClock(Date.parse('2026-04-01T00:00:00Z'));
let gate: RunningGatehouse;

beforeAll(async () => {
  gate = await startGatehouse({ GATEHOUSE_ADMIN_PASSWORD: adminPassword }, { now: clock.now });
});

afterAll(async () => {
  await gate?.close();
});

interface TokenView {
  id: string;
  token: string;
  tokenPreview: string;
  scopes: string[];
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const withToken = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${gate.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('admin API tokens', () => {
  it('are shown once, stored hashed, and work as admin credentials without CSRF', async () => {
    const created = await gate.admin<TokenView>('POST', '/admin/api/tokens', { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^gha-[A-Za-z0-9_-]{43}$/);
    expect(created.body.scopes).toEqual(['admin:read', 'admin:write']);
    const rows = await gate.gatehouse.storage.db.selectFrom('admin_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    const list = await gate.admin<{ tokens: TokenView[] }>('GET', '/admin/api/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens[0]!.tokenPreview).toBe(`gha-…${created.body.token.slice(-4)}`);
    expect(
      (await withToken(created.body.token, 'POST', '/admin/api/keys', { name: 'by token' })).status,
    ).toBe(201);
  });

  it('read-only tokens may read but not write', async () => {
    const { body } = await gate.admin<TokenView>('POST', '/admin/api/tokens', {
      name: 'ro',
      scopes: ['admin:read'],
    });
    expect((await withToken(body.token, 'GET', '/admin/api/keys')).status).toBe(200);
    const write = await withToken(body.token, 'POST', '/admin/api/keys', { name: 'nope' });
    expect(write.status).toBe(403);
    // Nor mint itself a stronger token.
    expect((await withToken(body.token, 'POST', '/admin/api/tokens', { name: 'x' })).status).toBe(403);
  });

  it('are refused at once when revoked, when expired, and when their admin is demoted', async () => {
    const { body } = await gate.admin<TokenView>('POST', '/admin/api/tokens', { name: 'soon revoked' });
    expect((await withToken(body.token, 'GET', '/admin/api/keys')).status).toBe(200);
    expect((await gate.admin('DELETE', `/admin/api/tokens/${body.id}`)).status).toBe(204);
    expect((await withToken(body.token, 'GET', '/admin/api/keys')).status).toBe(401);
    expect((await gate.admin('DELETE', `/admin/api/tokens/${body.id}`)).status).toBe(404);

    const expiring = await gate.admin<TokenView>('POST', '/admin/api/tokens', {
      name: 'expiring',
      expiresAt: new Date(clock.now() + 60_000).toISOString(),
    });
    expect((await withToken(expiring.body.token, 'GET', '/admin/api/keys')).status).toBe(200);
    clock.advance(60_000);
    expect((await withToken(expiring.body.token, 'GET', '/admin/api/keys')).status).toBe(401);

    const user = await gate.admin<{ id: string }>('POST', '/admin/api/users', {
      username: 'ops',
      password: 'ops-password-1',
      role: 'admin',
    });
    const ops = await consoleLogin(gate, 'ops', 'ops-password-1');
    const minted = (await ops
      .fetch('POST', '/admin/api/tokens', { name: 'ops token' })
      .then((r) => r.json())) as TokenView;
    expect((await withToken(minted.token, 'GET', '/admin/api/keys')).status).toBe(200);
    await gate.admin('PATCH', `/admin/api/users/${user.body.id}`, { role: 'user' });
    expect((await withToken(minted.token, 'GET', '/admin/api/keys')).status).toBe(401);
  });

  it('records the last use in memory and writes it at most once a minute', async () => {
    const { body } = await gate.admin<TokenView>('POST', '/admin/api/tokens', { name: 'used' });
    const writes = () =>
      gate.queries.filter((sql) => /update "admin_tokens" set "last_used_at"/.test(sql)).length;
    await gate.gatehouse.admin.auth.tokens.flushLastUsed();
    const before = writes();
    for (let i = 0; i < 5; i += 1) await withToken(body.token, 'GET', '/admin/api/keys');
    expect(writes()).toBe(before);
    const listed = await gate.admin<{ tokens: TokenView[] }>('GET', '/admin/api/tokens');
    expect(listed.body.tokens.find((token) => token.id === body.id)!.lastUsedAt).toBe(
      new Date(clock.now()).toISOString(),
    );
    await gate.gatehouse.admin.auth.tokens.flushLastUsed();
    expect(writes()).toBe(before + 1);
  });
});

describe('audit log', () => {
  it('records admin writes with who, what, target, where and outcome, never secret values', async () => {
    const created = await gate.admin<{ id: string }>('POST', '/admin/api/accounts', {
      name: 'audited',
      type: 'anthropic',
      apiKey: 'sk-ant-api03-audit-secret-value',
    });
    await gate.admin('POST', '/admin/api/users', { username: 'sec', password: 'secret-password-value' });
    const { body } = await gate.admin<{ entries: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/api/audit?limit=500',
    );
    const entry = body.entries.find((e) => e.action === 'POST /admin/api/accounts' && e.status === 201)!;
    expect(entry).toMatchObject({
      actorKind: 'bootstrap-token',
      actorName: 'GATEHOUSE_ADMIN_TOKEN',
      method: 'POST',
      route: '/admin/api/accounts',
      targetId: created.body.id,
      ip: '127.0.0.1',
      status: 201,
    });
    expect(entry.summary).toBe('fields: name, type, apiKey');
    const everything = JSON.stringify(
      await gate.gatehouse.storage.db.selectFrom('audit_log').selectAll().execute(),
    );
    expect(everything).not.toContain('sk-ant-api03-audit-secret-value');
    expect(everything).not.toContain('secret-password-value');
    expect(everything).not.toContain(adminPassword);
  });

  it('records logins, failed logins and token writes, and filters and pages', async () => {
    await login(gate, 'admin', 'wrong-password');
    const session = await consoleLogin(gate, 'admin', adminPassword);
    await session.fetch('PATCH', '/admin/api/users/nobody', { enabled: true });
    const failures = await gate.admin<{ entries: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/api/audit?route=/api/auth/login&outcome=failure',
    );
    expect(failures.body.entries[0]).toMatchObject({
      actorKind: 'anonymous',
      status: 401,
      summary: 'username: admin',
    });
    const logins = await gate.admin<{ entries: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/api/audit?route=/api/auth/login&outcome=success',
    );
    expect(logins.body.entries[0]).toMatchObject({
      actorKind: 'admin-session',
      actorName: 'admin',
      status: 200,
    });
    const patched = await gate.admin<{ entries: Array<Record<string, unknown>> }>(
      'GET',
      `/admin/api/audit?actorUserId=${session.user.id}&method=PATCH`,
    );
    expect(patched.body.entries[0]).toMatchObject({
      targetId: 'nobody',
      status: 404,
      actorKind: 'admin-session',
    });

    const first = await gate.admin<{ entries: Array<{ id: string }>; nextCursor: string | null }>(
      'GET',
      '/admin/api/audit?limit=2',
    );
    expect(first.body.entries).toHaveLength(2);
    const second = await gate.admin<{ entries: Array<{ id: string }> }>(
      'GET',
      `/admin/api/audit?limit=2&before=${first.body.nextCursor}`,
    );
    expect(second.body.entries[0]!.id < first.body.entries[1]!.id).toBe(true);
    expect((await gate.admin('GET', '/admin/api/audit?limit=0')).status).toBe(400);
  });

  it('does not record reads or inference', async () => {
    const before = await gate.gatehouse.storage.db.selectFrom('audit_log').select('id').execute();
    await gate.admin('GET', '/admin/api/keys');
    await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    await gate.gatehouse.admin.auth.audit.list({ limit: 1 });
    const after = await gate.gatehouse.storage.db.selectFrom('audit_log').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});
