import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentMessages, CODEX_TIMEOUT_MS, commandExecutions, runCodex } from '../support/codex-cli.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';
import { describeRun, runClaudeCode } from './claude-code-cli.js';

/** The real CLIs served by an account of the other API family, translated both ways. */
let gpt: MockOpenAi;
let claude: MockUpstream;
let gate: RunningGatehouse;
let key: { id: string; key: string };

beforeAll(async () => {
  gpt = await startMockOpenAi();
  claude = await startMockAnthropic();
  gate = await startGatehouse();
  // Claude Code asks for Claude models: an OpenAI account serves them as gpt-4o.
  await gate.createAccount({
    name: 'gpt for claude models',
    type: 'openai',
    baseUrl: gpt.url,
    apiKey: 'mock-openai-key',
    models: [{ name: 'claude-*', upstreamModel: 'gpt-4o' }],
  });
  // Codex asks for gpt-5: an Anthropic account serves it as a Claude model.
  await gate.createAccount({
    name: 'claude for gpt models',
    type: 'anthropic',
    baseUrl: claude.url,
    apiKey: 'mock-key',
    models: [{ name: 'gpt-5', upstreamModel: 'claude-sonnet-4-5' }],
  });
  key = await gate.createKey();
});

afterAll(async () => {
  await gate?.close();
  await gpt?.close();
  await claude?.close();
});

describe('Claude Code answered by an OpenAI account', () => {
  it('runs a Bash tool round trip', async () => {
    const run = await runClaudeCode({
      baseUrl: gate.url,
      credential: { kind: 'auth-token', value: key.key },
      prompt: 'mock:tool Bash {"command":"echo gatehouse-xf-ok","description":"Print a marker"}',
      args: ['--allowedTools', 'Bash'],
      timeoutMs: 60_000,
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.result?.result, describeRun(run)).toContain('gatehouse-xf-ok');
    const chat = gpt.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(chat.length).toBeGreaterThanOrEqual(2);
    const last = chat.at(-1)?.body as { model: string; messages: Array<{ role: string; content: unknown }> };
    expect(last.model).toBe('gpt-4o');
    expect(
      last.messages.some(
        (message) => message.role === 'tool' && JSON.stringify(message.content).includes('gatehouse-xf-ok'),
      ),
    ).toBe(true);
  }, 90_000);
});

describe('Codex CLI answered by an Anthropic account', () => {
  it(
    'runs an exec_command round trip',
    async () => {
      const run = await runCodex(
        `${gate.url}/v1`,
        key.key,
        'mock:tool exec_command {"cmd":"echo gatehouse-xf-codex"}',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(commandExecutions(run)[0]).toMatchObject({ aggregated_output: 'gatehouse-xf-codex\n' });
      expect(agentMessages(run)[0]).toContain('gatehouse-xf-codex');
      const messages = claude.requests.filter((request) => request.path.startsWith('/v1/messages'));
      expect(messages.length).toBeGreaterThanOrEqual(2);
      expect((messages.at(-1)?.body as { model?: string } | undefined)?.model).toBe('claude-sonnet-4-5');
    },
    CODEX_TIMEOUT_MS,
  );
});
