import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a comment (`# HELP name text`,
 * `# TYPE name counter|gauge|histogram|summary|untyped`) or a sample `name{label="value",…} number`;
 * anything else fails the test.
 */
function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(
    `^(${metricName})(?:\\{(.*)\\})? (-?(?:\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|NaN|\\+Inf|-Inf))$`,
  );
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line, 'comment line').toMatch(
        new RegExp(
          `^# (HELP ${metricName} .*|TYPE ${metricName} (counter|gauge|histogram|summary|untyped))$`,
        ),
      );
      continue;
    }
    const match = sampleLine.exec(line);
    expect(match, `not a Prometheus sample: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    const body = match?.[2] ?? '';
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < body.length) {
      const pair = labelPair.exec(body);
      expect(pair, `bad labels in: ${line}`).not.toBeNull();
      if (!pair) break;
      labels[pair[1] as string] = pair[2] as string;
    }
    samples.push({ name: match?.[1] as string, labels, value: Number(match?.[3]) });
  }
  return samples;
}

const sum = (samples: Sample[], name: string, where: Record<string, string> = {}) =>
  samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(where).every(([label, value]) => sample.labels[label] === value))
    .reduce((total, sample) => total + sample.value, 0);

let mock: MockUpstream;
let gate: RunningGatehouse;
let key: { id: string; key: string };
const metricsToken = 'metrics-scrape-token';

beforeAll(async () => {
  mock = await startMockAnthropic();
  gate = await startGatehouse({ GATEHOUSE_METRICS_TOKEN: metricsToken });
  await gate.createAccount({
    name: 'claude-main',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['claude-*'],
  });
  key = await gate.createKey();
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

async function send(content: string, stream: boolean): Promise<number> {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      stream,
      messages: [{ role: 'user', content }],
    }),
  });
  await response.text();
  return response.status;
}

async function scrape(headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gate.url}/metrics`, { headers });
}

describe('/metrics', () => {
  it('needs the metrics token when one is configured', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong' })).status).toBe(401);
    const answer = await scrape({ authorization: `Bearer ${metricsToken}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
  });

  it('parses as Prometheus text and counts exactly the requests sent, once each', async () => {
    const statuses = [
      await send('hello', false),
      await send('hello', true),
      await send('mock:long 30', true),
      await send('mock:error 400 nope', false),
    ];
    expect(statuses).toEqual([200, 200, 200, 400]);
    // The records API waits for every finished request's record: metrics are observed when it is made.
    const { body } = await gate.admin<{ records: Array<Record<string, number | string>> }>(
      'GET',
      '/admin/api/usage/records',
    );
    const answer = await scrape({ authorization: `Bearer ${metricsToken}` });
    const samples = parsePrometheusText(await answer.text());

    const base = { surface: 'anthropic', model: 'claude-sonnet-4-5', account: 'claude-main' };
    expect(sum(samples, 'gatehouse_requests_total', base)).toBe(4);
    expect(sum(samples, 'gatehouse_requests_total', { ...base, status: '200' })).toBe(3);
    expect(sum(samples, 'gatehouse_requests_total', { ...base, status: '400' })).toBe(1);
    expect(sum(samples, 'gatehouse_request_duration_seconds_count', base)).toBe(4);
    expect(sum(samples, 'gatehouse_time_to_first_byte_seconds_count', base)).toBe(4);
    const recordSum = (field: string) =>
      body.records.reduce((total, record) => total + Number(record[field]), 0);
    expect(sum(samples, 'gatehouse_tokens_total', { ...base, type: 'input' })).toBe(recordSum('inputTokens'));
    expect(sum(samples, 'gatehouse_tokens_total', { ...base, type: 'output' })).toBe(
      recordSum('outputTokens'),
    );
    expect(sum(samples, 'gatehouse_cost_usd_total', base)).toBeCloseTo(recordSum('cost'), 9);
    expect(sum(samples, 'gatehouse_active_streams')).toBe(0);
    expect(sum(samples, 'gatehouse_usage_queue_depth')).toBe(0);
    expect(sum(samples, 'gatehouse_usage_records_written_total')).toBe(4);
    expect(sum(samples, 'gatehouse_usage_flush_duration_seconds_count')).toBeGreaterThan(0);
    expect(sum(samples, 'gatehouse_account_state', { account: 'claude-main', state: 'healthy' })).toBe(1);
    // No label carries a key or user id.
    for (const sample of samples) expect(Object.values(sample.labels)).not.toContain(key.id);
  });

  it('counts a request refused before any upstream, with account "none"', async () => {
    const response = await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'no-such-model', max_tokens: 8, messages: [] }),
    });
    await response.text();
    const samples = parsePrometheusText(
      await (await scrape({ authorization: `Bearer ${metricsToken}` })).text(),
    );
    expect(
      sum(samples, 'gatehouse_requests_total', { account: 'none', status: String(response.status) }),
    ).toBe(1);
  });
});

describe('/metrics without a token configured', () => {
  it('is public', async () => {
    const open = await startGatehouse();
    try {
      const answer = await fetch(`${open.url}/metrics`);
      expect(answer.status).toBe(200);
      expect(
        parsePrometheusText(await answer.text()).some(
          (sample) => sample.name === 'gatehouse_usage_queue_depth',
        ),
      ).toBe(true);
    } finally {
      await open.close();
    }
  });
});
