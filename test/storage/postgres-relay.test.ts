import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

interface UsageRecordView {
  keyId: string;
  accountId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
  status: number;
  stream: boolean;
  charged: boolean;
}

interface MessageAnswer {
  usage: { input_tokens: number; output_tokens: number };
}

describe('Gatehouse on PostgreSQL', () => {
  let database: TestDatabase;
  let mock: MockUpstream;
  let gate: RunningGatehouse;
  beforeAll(async () => {
    database = await createTestDatabase();
    mock = await startMockAnthropic();
    gate = await startGatehouse({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    // The database is dropped even when closing Gatehouse fails (e.g. a usage write it could not make).
    try {
      await gate?.close();
      await mock?.close();
    } finally {
      await database?.drop();
    }
  });

  it('relays a message and records its usage in PostgreSQL', async () => {
    const account = await gate.createAccount({
      name: 'mock',
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      models: ['claude-sonnet-4-5'],
    });
    const key = await gate.createKey();
    const response = await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': key.key,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Say hello from PostgreSQL.' }],
      }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as MessageAnswer;
    expect(answer.usage.input_tokens).toBeGreaterThan(0);

    const listed = await gate.admin<{ records: UsageRecordView[] }>(
      'GET',
      `/admin/api/usage/records?keyId=${key.id}`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.records).toEqual([
      expect.objectContaining({
        keyId: key.id,
        accountId: account.id,
        model: 'claude-sonnet-4-5',
        inputTokens: answer.usage.input_tokens,
        outputTokens: answer.usage.output_tokens,
        status: 200,
        stream: false,
        charged: true,
      }),
    ]);
    expect(typeof listed.body.records[0]?.cost).toBe('number');
    await expectRowInPostgres(database.url, key.id, answer.usage);
    // PostgreSQL holds the data; the data dir keeps only the master key file.
    expect(existsSync(join(gate.dataDir, 'gatehouse.db'))).toBe(false);
  });
});

/** Reads the row with a separate client, so the test does not trust Gatehouse's own read path. */
async function expectRowInPostgres(url: string, keyId: string, usage: MessageAnswer['usage']): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ input_tokens: string; output_tokens: string }>(
      'select input_tokens, output_tokens from usage_records where key_id = $1',
      [keyId],
    );
    // A plain client reads bigint as text: only Gatehouse's pool parses it into a number.
    expect(rows).toEqual([
      { input_tokens: String(usage.input_tokens), output_tokens: String(usage.output_tokens) },
    ]);
  } finally {
    await client.end();
  }
}
