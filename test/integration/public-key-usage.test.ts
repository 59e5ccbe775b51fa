import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLookupsPerMinute } from '../../src/http/self-service/public-key-usage-routes.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import { sendMessage } from '../support/send-message.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers probed field by field
type AnyBody = Record<string, any>;

let fixture: RelayFixture;
let gate: RunningGatehouse;

beforeAll(async () => {
  // Each test looks up from its own client address (a trusted proxy forwards it).
  fixture = await startRelayFixture({}, { GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1' });
  gate = fixture.gate;
});

afterAll(() => fixture?.close());

async function lookup(headers: Record<string, string>, clientIp: string) {
  const response = await fetch(`${gate.url}/api/public/key-usage`, {
    headers: { 'x-forwarded-for': clientIp, ...headers },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as AnyBody };
}

describe('public key lookup', () => {
  it('shows the presented key’s own usage and remaining quota, by Bearer or x-api-key', async () => {
    const key = await gate.createKey({ name: 'stats', rpmLimit: 10, dailyTokenLimit: 1_000_000 });
    const other = await gate.createKey({ name: 'someone else' });
    for (const presented of [key.key, key.key, other.key])
      expect(await sendMessage(gate, presented)).toBe(200);
    await gate.gatehouse.relay.inFlight.settle(5000);
    await gate.gatehouse.relay.usageWriter.flush();
    const byBearer = await lookup({ authorization: `Bearer ${key.key}` }, '10.0.0.1');
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toMatchObject({
      name: 'stats',
      enabled: true,
      expiresAt: null,
      expired: false,
      rpmLimit: [{ scope: 'key', limit: 10 }],
    });
    expect(byBearer.body.keyPreview).toBe(`sk-gate-…${key.key.slice(-4)}`);
    expect(byBearer.body.usage.today.requests).toBe(2);
    expect(byBearer.body.usage.month.requests).toBe(2);
    expect(byBearer.body.usage.today.tokens).toBeGreaterThan(0);
    const [daily] = byBearer.body.budgets;
    expect(daily).toMatchObject({ scope: 'key', unit: 'tokens', period: 'day', limit: 1_000_000 });
    expect(daily.used).toBe(byBearer.body.usage.today.tokens);
    expect(daily.remaining).toBe(1_000_000 - daily.used);
    // Nothing about any other key: no id, no owner, no other key's name.
    expect(JSON.stringify(byBearer.body)).not.toContain(other.id);
    expect(JSON.stringify(byBearer.body)).not.toContain('someone else');
    expect(byBearer.body.id).toBeUndefined();
    const byHeader = await lookup({ 'x-api-key': key.key }, '10.0.0.1');
    expect(byHeader.body.usage).toEqual(byBearer.body.usage);
  });

  it('still answers for a disabled key, and refuses unknown or missing keys alike', async () => {
    const key = await gate.createKey({ name: 'off', enabled: false });
    expect((await lookup({ 'x-api-key': key.key }, '10.0.0.2')).body).toMatchObject({ enabled: false });
    const unknown = await lookup({ 'x-api-key': `${key.key.slice(0, -1)}x` }, '10.0.0.2');
    const missing = await lookup({}, '10.0.0.2');
    expect(unknown.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(unknown.body).toEqual(missing.body);
    const deleted = await gate.createKey({ name: 'gone' });
    await gate.admin('DELETE', `/admin/api/keys/${deleted.id}`);
    expect((await lookup({ 'x-api-key': deleted.key }, '10.0.0.2')).status).toBe(401);
  });

  it(`admits ${keyLookupsPerMinute} lookups a minute per client address, then 429 with retry-after`, async () => {
    const key = await gate.createKey({ name: 'busy' });
    const answers = await Promise.all(
      Array.from({ length: keyLookupsPerMinute + 5 }, () => lookup({ 'x-api-key': key.key }, '10.0.0.3')),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(keyLookupsPerMinute);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]?.body.error.type).toBe('rate_limited');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Guessing keys from one address counts too; another address is not affected.
    expect((await lookup({ 'x-api-key': 'sk-gate-guess' }, '10.0.0.3')).status).toBe(429);
    expect((await lookup({ 'x-api-key': key.key }, '10.0.0.4')).status).toBe(200);
  });
});
