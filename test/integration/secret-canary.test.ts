import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

const canary = `sk-ant-api03-CANARY${randomBytes(16).toString('hex')}`;
let mock: MockUpstream;
let gate: RunningGatehouse;

beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: canary });
  gate = await startGatehouse({ GATEHOUSE_LOG_LEVEL: 'trace' });
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

describe('secrets', () => {
  it('never lets an upstream credential or a Gatehouse key reach logs, answers or the database in clear', async () => {
    const answers: string[] = [];
    const keep = async (response: Response) => {
      answers.push(JSON.stringify([...response.headers]), await response.text());
    };
    const created = await gate.admin('POST', '/admin/api/accounts', {
      name: 'canary',
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: canary,
      models: ['claude-sonnet-4-5'],
    });
    answers.push(JSON.stringify(created.body));
    const key = await gate.createKey();
    answers.push(JSON.stringify((await gate.admin('GET', '/admin/api/accounts')).body));
    answers.push(JSON.stringify((await gate.admin('GET', '/admin/api/keys')).body));

    for (const content of ['hi', 'mock:leak', 'mock:error 500', 'mock:reset', 'mock:break 3']) {
      for (const stream of [false, true]) {
        await keep(
          await fetch(`${gate.url}/v1/messages`, {
            method: 'POST',
            headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'claude-sonnet-4-5',
              max_tokens: 16,
              stream,
              messages: [{ role: 'user', content }],
            }),
          }),
        );
      }
    }
    // A wrong key that carries the real key's text, and a config-style leak attempt through headers.
    await keep(
      await fetch(`${gate.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': `${key.key}x` },
        body: '{}',
      }),
    );
    await gate.gatehouse.relay.usageWriter.flush();
    const records = await gate.admin('GET', '/admin/api/usage/records');
    answers.push(JSON.stringify(records.body));

    // The upstream did receive the credential: the canary is real, not a typo.
    expect(mock.requests.some((request) => request.headers['x-api-key'] === canary)).toBe(true);
    const haystacks = {
      logs: gate.logs.join('\n'),
      answers: answers.join('\n'),
      database: readdirSync(gate.dataDir)
        .filter((name) => name.startsWith('gatehouse.db'))
        .map((name) => readFileSync(join(gate.dataDir, name)).toString('latin1'))
        .join('\n'),
    };
    expect(haystacks.database.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(canary), `upstream credential in ${where}`).toBe(false);
      expect(text.includes(key.key), `gatehouse key in ${where}`).toBe(false);
    }
  });
});
