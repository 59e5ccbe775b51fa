import { existsSync, rmSync } from 'node:fs';
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

function freshDir() {
  const dir = temporaryDirectory();
  dirs.push(dir);
  return dir;
}

describe('the gatehouse process', () => {
  it('creates its data dir, key file and first admin on first start, and prints the password once', async () => {
    const dataDir = join(freshDir(), 'nested', 'data');
    const first = await spawnGatehouse({}, dataDir);
    await first.stop();
    expect(first.output()).toMatch(/Username: admin {2}Password: \S{16,}/);
    expect(existsSync(join(dataDir, 'gatehouse.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true);
    const second = await spawnGatehouse({}, dataDir);
    await second.stop();
    expect(second.output()).not.toContain('Password:');
  });

  it('refuses a bad configuration at start, naming the field', async () => {
    for (const [env, field] of [
      [{ GATEHOUSE_PORT: 'eighty' }, 'port (GATEHOUSE_PORT)'],
      [{ GATEHOUSE_LOG_LEVEL: 'loud' }, 'logLevel (GATEHOUSE_LOG_LEVEL)'],
      [{ GATEHOUSE_ADMIN_TOKEN: 'short' }, 'adminToken (GATEHOUSE_ADMIN_TOKEN)'],
    ] as const) {
      await expect(spawnGatehouse(env, freshDir())).rejects.toThrow(field);
    }
  });

  it('on SIGTERM finishes in-flight streams and writes every usage record before exiting', async () => {
    const dataDir = freshDir();
    const spawned = await spawnGatehouse({ GATEHOUSE_USAGE_FLUSH_INTERVAL_MS: '1000' }, dataDir);
    const gate = withAdminHelpers(spawned, async () => undefined);
    await gate.createAccount({ name: 'mock', type: 'anthropic', baseUrl: mock.url, apiKey: 'mock-key' });
    const key = await gate.createKey();
    const send = (content: string, stream: boolean) =>
      fetch(`${gate.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 4096,
          stream,
          messages: [{ role: 'user', content }],
        }),
      });
    const quick = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send('hi', i % 2 === 0).then((r) => r.text())),
    );
    expect(quick).toHaveLength(20);
    const inFlight = await send('mock:slow 20 mock:long 40', true);
    const body = inFlight.text();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exitCode = await spawned.stop('SIGTERM');
    const text = await body;
    expect(exitCode).toBe(0);
    expect(text).toContain('event: message_stop');

    const db = new Database(join(dataDir, 'gatehouse.db'), { readonly: true });
    const rows = db.prepare('select status, partial, stream from usage_records').all() as Array<{
      status: number;
      partial: number;
    }>;
    db.close();
    expect(rows).toHaveLength(21);
    expect(rows.every((row) => row.status === 200 && row.partial === 0)).toBe(true);
  });
});
