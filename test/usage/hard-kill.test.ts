import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnGatehouse, temporaryDirectory, withAdminHelpers } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

let mock: MockUpstream;
const dirs: string[] = [];

beforeAll(async () => {
  mock = await startMockAnthropic();
});

afterAll(async () => {
  await mock?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function countRecords(dataDir: string): number {
  const db = new Database(join(dataDir, 'gatehouse.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from usage_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function startWithKey(env: Record<string, string>) {
  const dataDir = temporaryDirectory();
  dirs.push(dataDir);
  const spawned = await spawnGatehouse(env, dataDir);
  const gate = withAdminHelpers(spawned, async () => undefined);
  await gate.createAccount({ name: 'mock', type: 'anthropic', baseUrl: mock.url, apiKey: 'mock-key' });
  const { key } = await gate.createKey();
  const send = (content: string, stream: boolean) =>
    fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        stream,
        messages: [{ role: 'user', content }],
      }),
    }).then(async (response) => ({ status: response.status, text: await response.text() }));
  return { spawned, dataDir, send };
}

async function inWaves(count: number, wave: number, send: (i: number) => Promise<{ status: number }>) {
  let ok = 0;
  for (let start = 0; start < count; start += wave) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(wave, count - start) }, (_, i) => send(start + i)),
    );
    ok += answers.filter((answer) => answer.status === 200).length;
  }
  return ok;
}

describe('usage records survive the process', () => {
  it('after SIGKILL, at most the last flush interval is missing', async () => {
    const flushIntervalMs = 250;
    const { spawned, dataDir, send } = await startWithKey({
      GATEHOUSE_USAGE_FLUSH_INTERVAL_MS: String(flushIntervalMs),
    });
    const early = await inWaves(200, 20, (i) => send(`early ${i}`, i % 2 === 0));
    expect(early).toBe(200);
    // Longer than one flush interval: everything answered so far must be on disk.
    await new Promise((resolve) => setTimeout(resolve, flushIntervalMs * 3));
    const late = await inWaves(60, 20, (i) => send(`late ${i}`, i % 2 === 0));
    expect(late).toBe(60);
    await spawned.stop('SIGKILL');

    const found = countRecords(dataDir);
    expect(found).toBeGreaterThanOrEqual(200);
    expect(found).toBeLessThanOrEqual(260);
    // The store opens again after the kill, with what was committed.
    const again = await spawnGatehouse({}, dataDir);
    const admin = withAdminHelpers(again, async () => undefined);
    const listed = await admin.admin<{ records: unknown[] }>('GET', '/admin/api/usage/records?limit=1000');
    expect(listed.body.records).toHaveLength(found);
    await again.stop('SIGTERM');
  }, 120_000);

  it('SIGTERM under load: every request the upstream served has its record, none is lost', async () => {
    mock.reset();
    const { spawned, dataDir, send } = await startWithKey({ GATEHOUSE_USAGE_FLUSH_INTERVAL_MS: '1000' });
    const inFlight = Array.from({ length: 120 }, (_, i) =>
      send(`mock:slow 5 mock:long 30 load ${i}`, i % 3 !== 0).catch(() => ({ status: 0, text: '' })),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await spawned.stop('SIGTERM')).toBe(0);
    const answers = await Promise.all(inFlight);
    const served = mock.requests.filter((request) => request.path === '/v1/messages').length;
    expect(served).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status === 200).length).toBe(served);
    expect(countRecords(dataDir)).toBe(served);
  }, 120_000);
});
