// End to end: the real Claude Code CLI → Gatehouse → the mock Anthropic upstream, fully offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { usageGatehouseRecords } from '../support/mock-upstream/expected-usage.js';
import {
  type AnthropicUsage,
  type MockUpstream,
  type RecordedRequest,
  startMockAnthropic,
} from '../support/mock-upstream/mock-anthropic.js';
import { type ClaudeRun, type Credential, describeRun, runClaudeCode } from './claude-code-cli.js';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.js';

const CASE_TIMEOUT_MS = 60_000;
const MOCK_KEY = 'mock-key';

interface UsageRecordView {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  status: number;
  stream: boolean;
  clientFamily: string;
}

interface TokenTotals {
  count: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

interface Rig {
  gatehouse: RunningGatehouse;
  mock: MockUpstream;
  /** Sits between Claude Code and Gatehouse, recording what Claude Code itself sent. */
  proxy: RecordingProxy;
  key: { id: string; key: string };
}

/** Claude Code talks to Gatehouse through the recording proxy, or straight to it. */
type Route = 'via-proxy' | 'direct';

async function startRig(): Promise<Rig> {
  const mock = await startMockAnthropic({ apiKey: MOCK_KEY });
  try {
    const gatehouse = await startGatehouse();
    try {
      // No `models`: the account serves every model Claude Code asks for, background ones included.
      await gatehouse.createAccount({
        name: 'mock anthropic',
        type: 'anthropic',
        baseUrl: mock.url,
        apiKey: MOCK_KEY,
      });
      const key = await gatehouse.createKey({ name: 'claude code e2e' });
      const proxy = await startRecordingProxy(gatehouse.url);
      return { gatehouse, mock, proxy, key };
    } catch (error) {
      await gatehouse.close();
      throw error;
    }
  } catch (error) {
    await mock.close();
    throw error;
  }
}

async function stopRig(rig: Rig | undefined): Promise<void> {
  if (!rig) return;
  await rig.proxy.close();
  await rig.gatehouse.close();
  await rig.mock.close();
}

function messageRequests(mock: MockUpstream): RecordedRequest[] {
  return mock.requests.filter(
    (request) => request.method === 'POST' && /^\/v1\/messages(\?|$)/.test(request.path),
  );
}

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function bodyField(request: RecordedRequest, field: string): unknown {
  const body = request.body;
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
}

function mockTotals(usages: readonly AnthropicUsage[]): TokenTotals {
  return usages.reduce<TokenTotals>(
    (sum, usage) => ({
      count: sum.count + 1,
      input: sum.input + usage.input_tokens,
      output: sum.output + usage.output_tokens,
      cacheRead: sum.cacheRead + usage.cache_read_input_tokens,
      cacheWrite: sum.cacheWrite + usage.cache_creation_input_tokens,
    }),
    { count: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  );
}

function recordTotals(records: readonly UsageRecordView[]): TokenTotals {
  return records.reduce<TokenTotals>(
    (sum, record) => ({
      count: sum.count + 1,
      input: sum.input + record.inputTokens,
      output: sum.output + record.outputTokens,
      cacheRead: sum.cacheRead + record.cacheReadTokens,
      cacheWrite: sum.cacheWrite + record.cacheWriteTokens,
    }),
    { count: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  );
}

async function usageRecords(rig: Rig): Promise<UsageRecordView[]> {
  const answer = await rig.gatehouse.admin<{ records: UsageRecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${encodeURIComponent(rig.key.id)}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.records;
}

function runThroughGatehouse(
  rig: Rig,
  route: Route,
  prompt: string,
  kind: Credential['kind'],
  args?: string[],
) {
  const baseUrl = route === 'via-proxy' ? rig.proxy.url : rig.gatehouse.url;
  return runClaudeCode({ baseUrl, credential: { kind, value: rig.key.key }, prompt, args });
}

/** Each /v1/messages request Claude Code sent reached the upstream byte for byte, anthropic-* headers unchanged. */
function expectPassedThrough(rig: Rig): void {
  const sent = rig.proxy.requests.filter((request) => request.method === 'POST');
  expect(sent.length).toBeGreaterThan(0);
  const arrived = messageRequests(rig.mock);
  expect(arrived.length).toBe(sent.length);
  for (const request of sent) {
    expect(request.path).toBe('/v1/messages?beta=true');
    const twin = arrived.find((candidate) => candidate.rawBody.equals(request.rawBody));
    expect(twin, 'the upstream received a different body than Claude Code sent').toBeDefined();
    for (const name of ['anthropic-version', 'anthropic-beta']) {
      expect(request.headers[name], `Claude Code sent no ${name}`).toBeTruthy();
      expect(twin?.headers[name]).toEqual(request.headers[name]);
    }
  }
}

/** One request's usage, model and mode as a comparable string. */
function usageSignature(model: string, stream: boolean, totals: TokenTotals): string {
  const mode = stream ? 'stream' : 'json';
  return `${model} ${mode} in=${totals.input} out=${totals.output} read=${totals.cacheRead} write=${totals.cacheWrite}`;
}

/**
 * What every successful run must show: only the account key upstream, anthropic-* headers present, and
 * one usage record per upstream request, token for token what the mock reported. Claude Code always
 * streams; `jsonRetries` allows its non-streaming retry after a stream error.
 */
async function expectFaithfulRelay(rig: Rig, run: ClaudeRun, { jsonRetries = false } = {}): Promise<void> {
  const requests = messageRequests(rig.mock);
  expect(requests.length, describeRun(run)).toBeGreaterThan(0);
  for (const request of rig.mock.requests) {
    // Only the account's key reaches the upstream; the Gatehouse key never does, in any header.
    if (request.method !== 'HEAD') expect(header(request, 'x-api-key')).toBe(MOCK_KEY);
    expect(JSON.stringify(request.headers)).not.toContain(rig.key.key);
    expect(request.rawBody.toString('utf8')).not.toContain(rig.key.key);
  }
  for (const request of requests) {
    expect(request.status).toBe(200);
    if (!jsonRetries) expect(bodyField(request, 'stream')).toBe(true);
    expect(header(request, 'anthropic-version')).toBe('2023-06-01');
    // Claude Code sends a long beta list; it must arrive unchanged (claude-code-… is always in it).
    expect(header(request, 'anthropic-beta')).toMatch(/claude-code-\d{8}/);
    expect(request.reported, `mock reported no usage for ${request.path}`).toBeDefined();
  }
  if (jsonRetries) expect(bodyField(requests[0]!, 'stream')).toBe(true);

  const records = await usageRecords(rig);
  // A stream cut short is recorded with the output Gatehouse counted from what it relayed (SPEC §6).
  const expected = await Promise.all(requests.map((request) => usageGatehouseRecords(request)));
  const reported = expected.flatMap((usage) => (usage ? [usage] : []));
  expect(recordTotals(records)).toEqual(mockTotals(reported));
  // Each upstream request matches exactly one record (order-independent).
  const fromRecords = records.map((record) =>
    usageSignature(record.model, record.stream, recordTotals([record])),
  );
  const fromMock = requests.map((request, index) =>
    usageSignature(
      String(bodyField(request, 'model')),
      bodyField(request, 'stream') === true,
      mockTotals(expected[index] ? [expected[index]] : []),
    ),
  );
  expect(fromRecords.sort()).toEqual(fromMock.sort());
  for (const record of records) expect(record.clientFamily).toBe('claude-code');
  expect(rig.gatehouse.logs.join(''), 'the Gatehouse key reached the logs').not.toContain(rig.key.key);
  if (!jsonRetries) for (const record of records) expect(record.status).toBe(200);
}

function expectSuccess(run: ClaudeRun, text: string): void {
  expect(run.exitCode, describeRun(run)).toBe(0);
  expect(run.result, describeRun(run)).toMatchObject({ type: 'result', subtype: 'success', is_error: false });
  expect(run.result?.result).toContain(text);
}

describe('Claude Code through Gatehouse', () => {
  describe('plain answer with ANTHROPIC_AUTH_TOKEN', () => {
    let rig: Rig | undefined;
    beforeAll(async () => {
      rig = await startRig();
    });
    afterAll(() => stopRig(rig));

    it(
      'relays a streamed answer and records exactly the usage the upstream reported',
      async () => {
        const run = await runThroughGatehouse(rig!, 'via-proxy', 'Say hello.', 'auth-token');
        expectSuccess(run, 'Hello from the mock upstream.');
        await expectFaithfulRelay(rig!, run);
        expectPassedThrough(rig!);
        expect(rig!.proxy.requests.find((request) => request.method === 'POST')?.headers.authorization).toBe(
          `Bearer ${rig!.key.key}`,
        );
        // Claude Code's own request shape reached the upstream untouched.
        const [first] = messageRequests(rig!.mock);
        expect(first?.path).toBe('/v1/messages?beta=true');
        expect(header(first!, 'x-app')).toBe('cli');
        expect(header(first!, 'user-agent')).toMatch(/^claude-cli\/2\.1\./);
        expect(header(first!, 'x-claude-code-session-id')).toBeTruthy();
        expect(header(first!, 'authorization')).toBeUndefined();
      },
      CASE_TIMEOUT_MS,
    );
  });

  describe('plain answer with ANTHROPIC_API_KEY', () => {
    let rig: Rig | undefined;
    beforeAll(async () => {
      rig = await startRig();
    });
    afterAll(() => stopRig(rig));

    it(
      'authenticates the key sent as x-api-key the same way',
      async () => {
        const run = await runThroughGatehouse(rig!, 'direct', 'Say hello.', 'api-key');
        expectSuccess(run, 'Hello from the mock upstream.');
        await expectFaithfulRelay(rig!, run);
      },
      CASE_TIMEOUT_MS,
    );
  });

  describe('Bash tool round trip', () => {
    let rig: Rig | undefined;
    beforeAll(async () => {
      rig = await startRig();
    });
    afterAll(() => stopRig(rig));

    it(
      'runs the tool locally and sends its result back through Gatehouse',
      async () => {
        const run = await runThroughGatehouse(
          rig!,
          'via-proxy',
          'mock:bash echo gatehouse-e2e-ok',
          'auth-token',
          ['--allowedTools', 'Bash'],
        );
        expectSuccess(run, 'Tool result:');
        expect(run.result?.result).toContain('gatehouse-e2e-ok');

        const withToolResult = messageRequests(rig!.mock).filter((request) => {
          const messages = bodyField(request, 'messages');
          if (!Array.isArray(messages)) return false;
          const lastUser = (messages as { role?: string; content?: unknown }[]).findLast(
            (message) => message.role === 'user',
          );
          return (
            Array.isArray(lastUser?.content) &&
            (lastUser.content as { type?: string; content?: unknown }[]).some(
              (block) =>
                block.type === 'tool_result' && JSON.stringify(block.content).includes('gatehouse-e2e-ok'),
            )
          );
        });
        expect(withToolResult.length, describeRun(run)).toBeGreaterThan(0);
        await expectFaithfulRelay(rig!, run);
        expectPassedThrough(rig!);
      },
      CASE_TIMEOUT_MS,
    );
  });

  describe('stream error mid-answer', () => {
    let rig: Rig | undefined;
    beforeAll(async () => {
      rig = await startRig();
    });
    afterAll(() => stopRig(rig));

    it(
      'relays the error event, then serves the non-streaming retry as JSON',
      async () => {
        const run = await runThroughGatehouse(rig!, 'via-proxy', 'mock:stream-error', 'auth-token');
        expectSuccess(run, 'Hello from the mock upstream.');
        const modes = messageRequests(rig!.mock).map((request) => bodyField(request, 'stream') === true);
        expect(modes, describeRun(run)).toEqual([true, false]);
        await expectFaithfulRelay(rig!, run, { jsonRetries: true });
        expectPassedThrough(rig!);
      },
      CASE_TIMEOUT_MS,
    );
  });

  describe('bad Gatehouse key', () => {
    let rig: Rig | undefined;
    beforeAll(async () => {
      rig = await startRig();
    });
    afterAll(() => stopRig(rig));

    it(
      'fails without reaching the upstream',
      async () => {
        const run = await runClaudeCode({
          baseUrl: rig!.gatehouse.url,
          credential: { kind: 'auth-token', value: 'gh-not-a-real-key-0000000000000000' },
          prompt: 'Say hello.',
        });
        const failed = run.exitCode !== 0 || run.result?.is_error === true;
        expect(failed, describeRun(run)).toBe(true);
        // Claude Code 2.1 reports the status Gatehouse answered with.
        if (run.result) expect(run.result.api_error_status, describeRun(run)).toBe(401);
        expect(run.result?.result ?? '').not.toContain('Hello from the mock upstream.');
        expect(messageRequests(rig!.mock)).toEqual([]);
        expect(await usageRecords(rig!)).toEqual([]);
      },
      CASE_TIMEOUT_MS,
    );
  });
});
