import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RelayFixture, startRelayFixture } from '../support/gatehouse-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { eventually } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * PostgreSQL unreachable: proxying continues on the in-memory catalog, usage records wait in memory
 * (bounded) and are written when the database returns; /ready reports the outage meanwhile.
 */
let database: TestDatabase;
let proxy: TcpProxy;
let fixture: RelayFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  fixture = await startRelayFixture({}, { DATABASE_URL: url.toString() });
});

afterAll(async () => {
  try {
    proxy?.restore();
    await fixture?.close();
    await proxy?.close();
  } finally {
    await database?.drop();
  }
});

function send(key: string) {
  return fetch(`${fixture.gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

describe('PostgreSQL unreachable', () => {
  it('keeps proxying, buffers usage, reports it on /ready, and writes the backlog when it returns', async () => {
    const { gate } = fixture;
    const key = await gate.createKey();
    expect((await send(key.key)).status).toBe(200);
    await gate.gatehouse.relay.usageWriter.flush();

    proxy.cut();
    for (let index = 0; index < 5; index += 1) expect((await send(key.key)).status).toBe(200);
    const ready = await fetch(`${gate.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ degraded: ['storage'], storage: 'unreachable' });
    await eventually(() => gate.gatehouse.relay.usageWriter.pending === 5);

    proxy.restore();
    await eventually(() => gate.gatehouse.relay.usageWriter.pending === 0, 10_000);
    const written = await gate.admin<{ records: unknown[] }>(
      'GET',
      `/admin/api/usage/records?keyId=${key.id}`,
    );
    expect(written.body.records).toHaveLength(6);
    expect((await fetch(`${gate.url}/ready`)).status).toBe(200);
  });
});
