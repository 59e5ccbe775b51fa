import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateUpperBound } from '../../src/limits/estimate-upper-bound.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: error envelopes of several dialects, probed field by field
type AnyBody = Record<string, any>;

let fixture: RelayFixture;
let gate: RunningGatehouse;

beforeAll(async () => {
  fixture = await startRelayFixture();
  gate = fixture.gate;
});

afterAll(() => fixture?.close());

function anthropicBody(content = 'hi', extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    messages: [{ role: 'user', content }],
    ...extra,
  });
}

async function sendAnthropic(key: string, body = anthropicBody(), headers: Record<string, string> = {}) {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as AnyBody,
  };
}

async function sendOpenAi(key: string) {
  const response = await fetch(`${gate.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as AnyBody,
  };
}

describe('request-rate limits', () => {
  it('admits exactly 50 of 200 parallel requests against 50 a minute; 429s carry Anthropic rate headers', async () => {
    const key = await gate.createKey({ rpmLimit: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, () => sendAnthropic(key.key)));
    expect(results.filter((result) => result.status === 200)).toHaveLength(50);
    const limited = results.filter((result) => result.status === 429);
    expect(limited).toHaveLength(150);
    const sample = limited[0]!;
    expect(sample.body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(Number(sample.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(sample.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(sample.headers.get('anthropic-ratelimit-requests-limit')).toBe('50');
    expect(sample.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(Date.parse(sample.headers.get('anthropic-ratelimit-requests-reset') ?? '')).toBeGreaterThan(
      Date.now(),
    );
  });

  it('answers OpenAI callers in their envelope with x-ratelimit headers', async () => {
    const key = await gate.createKey({ rpmLimit: 1 });
    expect((await sendOpenAi(key.key)).status).toBe(200);
    const limited = await sendOpenAi(key.key);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ type: 'rate_limit_error' });
    expect(limited.body.type).toBeUndefined();
    expect(limited.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+s$/);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });
});

describe('budgets', () => {
  it('charges exactly what the usage records say', async () => {
    const key = await gate.createKey({ totalBudget: 100, dailyTokenLimit: 1_000_000 });
    for (let index = 0; index < 3; index += 1) expect((await sendAnthropic(key.key)).status).toBe(200);
    await gate.gatehouse.relay.usageWriter.flush();
    const { body } = await gate.admin<{
      records: Array<{ cost: number; inputTokens: number; outputTokens: number }>;
    }>('GET', `/admin/api/usage/records?keyId=${key.id}`);
    expect(body.records).toHaveLength(3);
    const cost = body.records.reduce((sum, record) => sum + record.cost, 0);
    const tokens = body.records.reduce((sum, record) => sum + record.inputTokens + record.outputTokens, 0);
    expect(cost).toBeGreaterThan(0);
    const store = gate.gatehouse.limitStore;
    const [total] = await store.readCounters([`budget:key:${key.id}:cost:total`], Date.now());
    expect(total?.used).toBeCloseTo(cost, 9);
    expect(total?.reserved).toBe(0);
    const me = await gate.admin<Record<string, unknown>>('GET', `/admin/api/keys/${key.id}`);
    expect(me.status).toBe(200);
    expect(tokens).toBeGreaterThan(0);
  });

  it('admits at most 10 of 50 concurrent requests against a budget that covers 10', async () => {
    const body = anthropicBody('mock:slow 100');
    const perRequest = estimateUpperBound(Buffer.from(body)).cost;
    const key = await gate.createKey({ totalBudget: perRequest * 10 });
    const results = await Promise.all(Array.from({ length: 50 }, () => sendAnthropic(key.key, body)));
    const admitted = results.filter((result) => result.status === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(1);
    expect(admitted).toBeLessThanOrEqual(10);
    const refused = results.find((result) => result.status !== 200)!;
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('Budget exhausted');
  });

  it('refuses a spent total budget with 403', async () => {
    const key = await gate.createKey({ totalBudget: 0.000001 });
    expect((await sendAnthropic(key.key)).status).toBe(200);
    const refused = await sendAnthropic(key.key);
    expect(refused.status).toBe(403);
    expect(refused.body.error.type).toBe('permission_error');
  });
});

describe('concurrency slots', () => {
  it('frees every slot when 100 streams are aborted mid-way', async () => {
    const key = await gate.createKey({ concurrencyLimit: 100 });
    const body = anthropicBody('mock:slow 20 mock:long 200', { stream: true });
    const controllers = Array.from({ length: 100 }, () => new AbortController());
    await Promise.all(
      controllers.map(async (controller) => {
        const response = await fetch(`${gate.url}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
          body,
          signal: controller.signal,
        });
        expect(response.status).toBe(200);
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => undefined);
      }),
    );
    await expect
      .poll(() => gate.gatehouse.limitStore.slotsInUse(`slots:key:${key.id}`, Date.now()), {
        timeout: 10_000,
      })
      .toBe(0);
    const again = await Promise.all(Array.from({ length: 100 }, () => sendAnthropic(key.key)));
    expect(again.every((result) => result.status === 200)).toBe(true);
  });
});

describe('key policy rules', () => {
  it('applies service permissions per surface', async () => {
    const openAiOnly = await gate.createKey({ allowedServices: ['openai'] });
    const denied = await sendAnthropic(openAiOnly.key);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    expect((await sendOpenAi(openAiOnly.key)).status).toBe(200);
    const claudeOnly = await gate.createKey({ allowedServices: ['claude'] });
    const deniedOpenAi = await sendOpenAi(claudeOnly.key);
    expect(deniedOpenAi.status).toBe(403);
    expect(deniedOpenAi.body.error).toMatchObject({ type: 'permission_error' });
    expect((await sendAnthropic(claudeOnly.key)).status).toBe(200);
  });

  it('applies the client allowlist by user-agent family', async () => {
    const key = await gate.createKey({ allowedClients: ['claude-code'] });
    expect((await sendAnthropic(key.key, anthropicBody(), { 'user-agent': 'curl/8.5.0' })).status).toBe(403);
    const cli = await sendAnthropic(key.key, anthropicBody(), {
      'user-agent': 'claude-cli/2.1.0 (external, cli)',
    });
    expect(cli.status).toBe(200);
  });

  it('does not believe x-forwarded-for from an untrusted peer', async () => {
    const key = await gate.createKey({ ipAllowlist: ['203.0.113.0/24'] });
    expect((await sendAnthropic(key.key, anthropicBody(), { 'x-forwarded-for': '203.0.113.7' })).status).toBe(
      403,
    );
  });

  it('refuses bad field values with a 400 naming the field', async () => {
    const answer = await gate.admin<{ error: { message: string } }>('POST', '/admin/api/keys', {
      name: 'x',
      allowedServices: ['smtp'],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('allowedServices');
  });
});

describe('trusted proxies', () => {
  it('takes the client address from x-forwarded-for when the peer is a trusted proxy', async () => {
    const proxied = await startRelayFixture({}, { GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1/32, ::1' });
    try {
      const key = await proxied.gate.createKey({ ipAllowlist: ['203.0.113.0/24'] });
      const send = (forwarded?: string) =>
        fetch(`${proxied.gate.url}/v1/messages`, {
          method: 'POST',
          headers: {
            'x-api-key': key.key,
            'content-type': 'application/json',
            ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
          },
          body: anthropicBody(),
        }).then((response) => response.status);
      expect(await send('203.0.113.7')).toBe(200);
      // The rightmost untrusted hop is the client; what the client wrote to its left is not believed.
      expect(await send('203.0.113.7, 198.51.100.1')).toBe(403);
      expect(await send('198.51.100.1, 203.0.113.7, 127.0.0.1')).toBe(200);
      expect(await send()).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('admin key operations', () => {
  it('batch-creates keys shown once, batch-updates, batch-deletes to the trash and restores', async () => {
    const created = await gate.admin<{
      keys: Array<{ id: string; key: string; name: string; tags: string[] }>;
    }>('POST', '/admin/api/keys/batch', { namePrefix: 'team', count: 3, tags: ['team-x'], rpmLimit: 100 });
    expect(created.status).toBe(201);
    expect(created.body.keys.map((key) => key.name)).toEqual(['team-1', 'team-2', 'team-3']);
    for (const key of created.body.keys) expect((await sendAnthropic(key.key)).status).toBe(200);
    const ids = created.body.keys.map((key) => key.id);
    const updated = await gate.admin<{ keys: Array<{ enabled: boolean; dailyCostLimit: number }> }>(
      'PATCH',
      '/admin/api/keys/batch',
      { ids, changes: { enabled: false, dailyCostLimit: 5 } },
    );
    expect(updated.body.keys.every((key) => !key.enabled && key.dailyCostLimit === 5)).toBe(true);
    expect((await sendAnthropic(created.body.keys[0]!.key)).status).toBe(403);
    const unknown = await gate.admin('PATCH', '/admin/api/keys/batch', {
      ids: [ids[0], randomUUID()],
      changes: { enabled: true },
    });
    expect(unknown.status).toBe(404);
    expect((await gate.admin('POST', '/admin/api/keys/batch-delete', { ids })).status).toBe(200);
    const trash = await gate.admin<{ keys: Array<{ id: string; deletedAt: string }> }>(
      'GET',
      '/admin/api/keys/trash',
    );
    expect(trash.body.keys.map((key) => key.id)).toEqual(expect.arrayContaining(ids));
    expect((await sendAnthropic(created.body.keys[1]!.key)).status).toBe(401);
    const restored = await gate.admin<{ deletedAt: string | null }>(
      'POST',
      `/admin/api/keys/${ids[1]}/restore`,
    );
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    await gate.admin('PATCH', `/admin/api/keys/${ids[1]}`, { enabled: true });
    expect((await sendAnthropic(created.body.keys[1]!.key)).status).toBe(200);
  });

  it('regenerates a key: new secret, same policy, the old one dead at once', async () => {
    const original = await gate.createKey({ rpmLimit: 77, tags: ['leaked'] });
    const regenerated = await gate.admin<{ id: string; key: string; rpmLimit: number; tags: string[] }>(
      'POST',
      `/admin/api/keys/${original.id}/regenerate`,
    );
    expect(regenerated.body).toMatchObject({ id: original.id, rpmLimit: 77, tags: ['leaked'] });
    expect(regenerated.body.key).not.toBe(original.key);
    expect((await sendAnthropic(original.key)).status).toBe(401);
    expect((await sendAnthropic(regenerated.body.key)).status).toBe(200);
  });

  it('auto-disables expired keys in the key-expiry job', async () => {
    const key = await gate.createKey({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    await gate.gatehouse.jobs.runNow('key-expiry');
    const answer = await gate.admin<{ enabled: boolean }>('GET', `/admin/api/keys/${key.id}`);
    expect(answer.body.enabled).toBe(false);
  });
});

describe('user limits', () => {
  it('shares a user rate limit across their keys and intersects model rules', async () => {
    const userId = randomUUID();
    await gate.gatehouse.admin.users.insert(
      { id: userId, username: `u-${userId}`, role: 'user', passwordHash: null },
      Date.now(),
    );
    const limits = await gate.admin('PATCH', `/admin/api/users/${userId}/limits`, {
      rpmLimit: 3,
      allowedModels: ['claude-sonnet-*'],
    });
    expect(limits.status).toBe(200);
    const first = await gate.createKey({ userId, rpmLimit: 100 });
    const second = await gate.createKey({ userId });
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => sendAnthropic(first.key)),
      ...Array.from({ length: 4 }, () => sendAnthropic(second.key)),
    ]);
    expect(results.filter((result) => result.status === 200)).toHaveLength(3);
    const other = await gate.createKey({ userId, allowedModels: ['claude-opus-*', 'claude-sonnet-4-5'] });
    await gate.admin('PATCH', `/admin/api/users/${userId}/limits`, { rpmLimit: null });
    expect((await sendAnthropic(other.key, anthropicBody('hi', { model: 'claude-opus-4-5' }))).status).toBe(
      403,
    );
    expect((await sendAnthropic(other.key)).status).toBe(200);
    expect((await gate.admin('PATCH', `/admin/api/users/${userId}/limits`, { role: 'admin' })).status).toBe(
      400,
    );
    expect((await gate.admin('GET', `/admin/api/users/${randomUUID()}/limits`)).status).toBe(404);
  });
});
