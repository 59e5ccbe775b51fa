import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import { usageGatehouseRecords } from '../support/mock-upstream/expected-usage.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface Figures {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
}

let claude: MockUpstream;
let gpt: MockOpenAi;
let gate: RunningGatehouse;
let key: string;

beforeAll(async () => {
  claude = await startMockAnthropic();
  gpt = await startMockOpenAi();
  gate = await startGatehouse({ GATEHOUSE_TIME_ZONE: 'America/New_York' });
  await gate.createAccount({
    name: 'claude',
    type: 'anthropic',
    baseUrl: claude.url,
    apiKey: 'mock-key',
    models: ['claude-*'],
  });
  await gate.createAccount({
    name: 'gpt',
    type: 'openai',
    baseUrl: gpt.url,
    apiKey: 'mock-openai-key',
    models: ['gpt-*'],
  });
  key = (await gate.createKey()).key;
});

afterAll(async () => {
  await gate?.close();
  await claude?.close();
  await gpt?.close();
});

async function post(path: string, body: unknown): Promise<number> {
  const response = await fetch(`${gate.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

const cached = [
  { type: 'text', text: 'You are a careful assistant. '.repeat(40), cache_control: { type: 'ephemeral' } },
];

/** A known mix: JSON and streams, Anthropic and OpenAI, cross-format, prompt caching and failures. */
async function sendMix(): Promise<void> {
  const messages = (content: string) => [{ role: 'user', content }];
  for (const stream of [false, true]) {
    await post('/v1/messages', {
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      stream,
      system: cached,
      messages: messages('hello'),
    });
    await post('/v1/messages', {
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      stream,
      messages: messages('mock:long 12'),
    });
    await post('/v1/chat/completions', { model: 'gpt-4o', stream, messages: messages('mock:cached 40 hi') });
    await post('/v1/messages', {
      model: 'gpt-4.1',
      max_tokens: 256,
      stream,
      messages: messages('across formats'),
    });
  }
  expect(
    await post('/v1/messages', {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: messages('mock:error 400 bad'),
    }),
  ).toBe(400);
  await post('/v1/messages', {
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    stream: true,
    messages: messages('mock:stream-error'),
  });
}

/**
 * What the mocks said they reported, in Gatehouse's additive convention (OpenAI's cached tokens taken
 * out); for the stream the upstream broke off, the output Gatehouse counts from what it relayed.
 */
async function reportedByMocks(): Promise<Omit<Figures, 'requests' | 'errors' | 'cost'>> {
  const sum = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  for (const request of claude.requests) {
    const usage = (await usageGatehouseRecords(request)) as Record<string, number> | undefined;
    if (!usage) continue;
    sum.inputTokens += usage.input_tokens ?? 0;
    sum.outputTokens += usage.output_tokens ?? 0;
    sum.cacheReadTokens += usage.cache_read_input_tokens ?? 0;
    sum.cacheWriteTokens += usage.cache_creation_input_tokens ?? 0;
  }
  for (const request of gpt.requests) {
    const usage = request.reported as Record<string, unknown> | undefined;
    if (!usage) continue;
    const prompt = Number(usage.prompt_tokens ?? usage.input_tokens ?? 0);
    const details = (usage.prompt_tokens_details ?? usage.input_tokens_details ?? {}) as {
      cached_tokens?: number;
    };
    const cachedTokens = details.cached_tokens ?? 0;
    sum.inputTokens += prompt - cachedTokens;
    sum.cacheReadTokens += cachedTokens;
    sum.outputTokens += Number(usage.completion_tokens ?? usage.output_tokens ?? 0);
  }
  return sum;
}

describe('usage figures agree exactly with what the upstreams reported', () => {
  it('records, summary totals, series, groups and exports', async () => {
    await sendMix();
    // Asked at once: the records API waits for relays still counting the tokens of an answer that went out.
    const { body } = await gate.admin<{ records: (Figures & { status: number; model: string })[] }>(
      'GET',
      '/admin/api/usage/records?limit=1000',
    );
    const { records } = body;
    expect(records).toHaveLength(claude.requests.length + gpt.requests.length);
    const reported = await reportedByMocks();
    // Exactly one record holds an estimate: the stream cut short by the upstream's error event.
    expect(records.filter((record) => (record as { estimated?: boolean }).estimated)).toHaveLength(1);
    expect(claude.requests.filter((request) => request.contentBeforeCut !== undefined)).toHaveLength(1);
    const recordSum = (field: keyof Figures) =>
      records.reduce((sum, record) => sum + Number(record[field]), 0);
    expect(recordSum('cacheReadTokens')).toBeGreaterThan(0);
    expect(recordSum('cacheWriteTokens')).toBeGreaterThan(0);
    for (const field of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const)
      expect(recordSum(field)).toBe(reported[field]);

    const summary = await gate.admin<{
      totals: Figures;
      series: Figures[];
      groups: (Figures & { value: string })[];
      totalGroups: number;
    }>('GET', '/admin/api/usage/summary?groupBy=model&interval=hour&tz=Asia/Shanghai');
    expect(summary.status).toBe(200);
    const { totals } = summary.body;
    expect(totals.requests).toBe(records.length);
    expect(totals.errors).toBe(records.filter((record) => record.status >= 400).length);
    for (const field of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const) {
      expect(totals[field]).toBe(reported[field]);
      expect(summary.body.series.reduce((sum, row) => sum + row[field], 0)).toBe(reported[field]);
      expect(summary.body.groups.reduce((sum, row) => sum + row[field], 0)).toBe(reported[field]);
    }
    expect(totals.cost).toBeCloseTo(recordSum('cost'), 9);
    expect(summary.body.totalGroups).toBe(new Set(records.map((record) => record.model)).size);

    const csv = await fetch(`${gate.url}/admin/api/usage/export?format=csv&view=records`, {
      headers: { authorization: `Bearer ${gate.adminToken}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    const header = (lines[0] ?? '').split(',');
    expect(lines).toHaveLength(records.length + 1);
    const column = header.indexOf('outputTokens');
    expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[column]), 0)).toBe(
      reported.outputTokens,
    );

    const xlsx = await fetch(`${gate.url}/admin/api/usage/export?format=xlsx&view=groups&groupBy=model`, {
      headers: { authorization: `Bearer ${gate.adminToken}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('The workbook has no sheet.');
    expect(sheet.rowCount).toBe(summary.body.groups.length + 1);
    const inputColumn = (sheet.getRow(1).values as unknown[]).indexOf('inputTokens');
    let inputSum = 0;
    sheet.eachRow((row, index) => {
      if (index > 1) inputSum += Number(row.getCell(inputColumn).value);
    });
    expect(inputSum).toBe(reported.inputTokens);
  }, 60_000);

  it('registers the roll-up and retention jobs as cluster jobs', () => {
    expect(gate.gatehouse.jobs.names()).toEqual(expect.arrayContaining(['usage.rollups', 'usage.retention']));
  });
});
