import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';

let fixture: RelayFixture;
let gate: RunningGatehouse;

beforeAll(async () => {
  fixture = await startRelayFixture();
  gate = fixture.gate;
});

afterAll(() => fixture?.close());

describe('the request path', () => {
  it('runs no database query: only the usage writer inserts, in batched transactions', async () => {
    const key = await gate.createKey({ rpmLimit: 1000, concurrencyLimit: 50 });
    const before = gate.queries.length;
    const bodies = ['hi', 'mock:long 5', 'mock:error 429', 'mock:tool get_weather {"city":"Oslo"}'];
    const sends = Array.from({ length: 40 }, (_, index) =>
      fetch(`${gate.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: index % 5 === 0 ? 'unknown-model' : 'claude-sonnet-4-5',
          max_tokens: 32,
          stream: index % 2 === 0,
          messages: [{ role: 'user', content: bodies[index % bodies.length] }],
        }),
      }).then((response) => response.text()),
    );
    const models = fetch(`${gate.url}/v1/models`, { headers: { 'x-api-key': key.key } }).then((r) =>
      r.text(),
    );
    const counted = fetch(`${gate.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] }),
    }).then((r) => r.text());
    await Promise.all([...sends, models, counted]);
    await gate.gatehouse.relay.usageWriter.flush();

    const during = gate.queries.slice(before);
    const reads = during.filter((sql) => !/^(insert into "usage_records"|begin|commit)/i.test(sql.trim()));
    expect(reads).toEqual([]);
    const inserts = during.filter((sql) => /^insert into "usage_records"/i.test(sql.trim()));
    // 32 requests reached the upstream; they were written in far fewer statements than requests.
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.length).toBeLessThan(32);

    // The probe does see reads: the admin API (not the request path) reads from the database.
    const beforeAdmin = gate.queries.length;
    await gate.admin('GET', '/admin/api/keys');
    expect(gate.queries.slice(beforeAdmin).some((sql) => /^select/i.test(sql))).toBe(true);
  });
});
