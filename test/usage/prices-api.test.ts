import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFile, type RelayFixture, startRelayFixture } from '../support/gatehouse-harness.js';

interface Record {
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

interface PriceRow {
  model: string;
  input: number;
  output: number;
  cacheRead: number;
  source: string;
  effectiveFrom: string | null;
}

let fixture: RelayFixture;
let key: string;

beforeAll(async () => {
  // Config prices Sonnet 4.5 at 4/20; the admin API overrides Haiku below.
  const yaml = 'prices:\n  claude-sonnet-4-5:\n    input: 4\n    output: 20\n';
  fixture = await startRelayFixture(
    { models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] },
    { GATEHOUSE_CONFIG: configFile(yaml) },
  );
  key = (await fixture.gate.createKey()).key;
});

afterAll(async () => {
  await fixture?.close();
});

async function send(model: string): Promise<Record> {
  const response = await fetch(`${fixture.gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 64, messages: [{ role: 'user', content: 'price me' }] }),
  });
  expect(response.status).toBe(200);
  await response.text();
  const list = await fixture.gate.admin<{ records: Record[] }>('GET', '/admin/api/usage/records?limit=1');
  return list.body.records[0] as Record;
}

const costOf = (record: Record, input: number, output: number) =>
  (record.inputTokens * input + record.outputTokens * output) / 1e6;

describe('prices', () => {
  it('lists shipped Anthropic, OpenAI and Gemini prices and the configured ones', async () => {
    const answer = await fixture.gate.admin<{ prices: PriceRow[] }>('GET', '/admin/api/prices');
    expect(answer.status).toBe(200);
    const byModel = new Map(answer.body.prices.map((row) => [row.model, row]));
    expect(byModel.get('claude-sonnet-4-5')).toMatchObject({ input: 4, output: 20, source: 'config' });
    expect(byModel.get('gpt-5')).toMatchObject({
      input: 1.25,
      output: 10,
      cacheRead: 0.125,
      source: 'shipped',
    });
    expect(byModel.get('gemini-2.5-pro')).toMatchObject({ input: 1.25, source: 'shipped' });
  });

  it('charges configured prices', async () => {
    const record = await send('claude-sonnet-4-5');
    expect(record.cost).toBeCloseTo(costOf(record, 4, 20), 12);
  });

  it('applies an override to the next request and never rewrites the cost of earlier ones', async () => {
    const before = await send('claude-haiku-4-5');
    expect(before.cost).toBeCloseTo(costOf(before, 1, 5), 12);
    const put = await fixture.gate.admin<PriceRow>('PUT', '/admin/api/prices/claude-haiku-4-5', {
      input: 2,
      output: 10,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ model: 'claude-haiku-4-5', input: 2, output: 10, cacheRead: 0.2 });
    expect(put.body.source).toBe('override');
    const after = await send('claude-haiku-4-5');
    expect(after.cost).toBeCloseTo(costOf(after, 2, 10), 12);
    const all = await fixture.gate.admin<{ records: (Record & { model: string })[] }>(
      'GET',
      '/admin/api/usage/records?model=claude-haiku-4-5',
    );
    expect(all.body.records.at(-1)?.cost).toBe(before.cost);

    expect((await fixture.gate.admin('DELETE', '/admin/api/prices/claude-haiku-4-5')).status).toBe(204);
    const reverted = await send('claude-haiku-4-5');
    expect(reverted.cost).toBeCloseTo(costOf(reverted, 1, 5), 12);
    const listed = await fixture.gate.admin<{ overrides: unknown[] }>('GET', '/admin/api/prices');
    expect(listed.body.overrides).toHaveLength(2);
  });

  it('refuses bad prices and unknown removals with the admin error envelope', async () => {
    const bad = await fixture.gate.admin('PUT', '/admin/api/prices/gpt-5', { input: -1, output: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { type: 'invalid_request' } });
    const unknown = await fixture.gate.admin('PUT', '/admin/api/prices/gpt-5', { input: 1 });
    expect(unknown.status).toBe(400);
    const missing = await fixture.gate.admin('DELETE', '/admin/api/prices/never-overridden');
    expect(missing.status).toBe(404);
  });
});
