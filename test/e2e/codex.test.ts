import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentMessages, CODEX_TIMEOUT_MS, commandExecutions, runCodex } from '../support/codex-cli.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import type { ResponsesUsage } from '../support/mock-openai/types.js';

let mock: MockOpenAi;
let gate: RunningGatehouse;
let key: { id: string; key: string };

beforeAll(async () => {
  mock = await startMockOpenAi();
  gate = await startGatehouse();
  await gate.createAccount({
    name: 'openai',
    type: 'openai',
    baseUrl: mock.url,
    apiKey: 'mock-openai-key',
    models: ['gpt-*'],
  });
  key = await gate.createKey();
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

beforeEach(() => mock.reset());

async function records() {
  const answer = await gate.admin<{
    records: Array<{
      inputTokens: number;
      outputTokens: number;
      cacheReadTokens: number;
      surface: string;
      clientFamily: string;
      stream: boolean;
    }>;
  }>('GET', `/admin/api/usage/records?keyId=${key.id}`);
  return answer.body.records;
}

describe('Codex CLI through Gatehouse (Responses API, OpenAI account)', () => {
  it(
    'gets an answer; the upstream sees the account key; usage matches what the upstream reported',
    async () => {
      const run = await runCodex(`${gate.url}/v1`, key.key, 'Say hello.');
      expect(run.code, run.stderr).toBe(0);
      expect(agentMessages(run)).toEqual(['Hello from the mock OpenAI upstream.']);
      const seen = mock.requests[0];
      expect(seen?.headers.authorization).toBe('Bearer mock-openai-key');
      expect(seen?.headers.originator).toBe('codex_exec');
      const usage = seen?.reported as ResponsesUsage;
      const [record] = await records();
      expect(record).toMatchObject({
        surface: 'openai-responses',
        clientFamily: 'codex',
        stream: true,
        inputTokens: usage.input_tokens - usage.input_tokens_details.cached_tokens,
        outputTokens: usage.output_tokens,
      });
    },
    CODEX_TIMEOUT_MS,
  );

  it(
    'runs a tool round trip through Gatehouse',
    async () => {
      const before = (await records()).length;
      const run = await runCodex(
        `${gate.url}/v1`,
        key.key,
        'mock:tool exec_command {"cmd":"echo gatehouse-codex-ok"}',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(commandExecutions(run)[0]).toMatchObject({
        aggregated_output: 'gatehouse-codex-ok\n',
        exit_code: 0,
      });
      expect(mock.requests).toHaveLength(2);
      expect(agentMessages(run)[0]).toContain('gatehouse-codex-ok');
      expect((await records()).length - before).toBe(2);
    },
    CODEX_TIMEOUT_MS,
  );

  it(
    'fails with a bad key without reaching the upstream',
    async () => {
      const run = await runCodex(`${gate.url}/v1`, 'sk-gate-not-a-real-key', 'Say hello.');
      expect(run.code).not.toBe(0);
      expect(mock.requests).toHaveLength(0);
    },
    CODEX_TIMEOUT_MS,
  );
});
