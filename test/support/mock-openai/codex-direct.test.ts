// Runs the real Codex CLI (0.169, from devDependencies) against the mock directly, offline, to pin down
// what Codex sends to an OpenAI Responses upstream and to prove the mock answers it well enough for a
// plain answer and a shell-tool round trip. Codex is configured as it would be for a gateway: a custom
// model_provider with `wire_api = "responses"`, the key in an env var, retries off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentMessages, CODEX_TIMEOUT_MS, runCodex as runCodexAt } from '../codex-cli.js';
import { type MockOpenAi, startMockOpenAi } from './mock-openai.js';
import { isJsonObject, type JsonObject } from './parse-request.js';
import { DEFAULT_TEXT } from './plan-reply.js';

let mock: MockOpenAi;

beforeEach(async () => {
  mock = await startMockOpenAi();
});

afterEach(async () => {
  await mock.close();
});

const runCodex = (prompt: string) => runCodexAt(mock.url, 'mock-openai-key', prompt);

function bodyOf(index: number): JsonObject {
  const body = mock.requests[index]?.body;
  if (!isJsonObject(body)) throw new Error(`request ${index} has no JSON body`);
  return body;
}

describe('Codex CLI against the mock, directly', () => {
  it(
    'gets a plain answer, sending a streamed, unstored Responses request with its tools',
    async () => {
      const run = await runCodex('Say hello.');

      expect(run.code, run.stderr).toBe(0);
      expect(agentMessages(run)).toEqual([DEFAULT_TEXT]);
      expect(mock.requests).toHaveLength(1);
      const request = mock.requests[0];
      expect(request).toMatchObject({ method: 'POST', path: '/v1/responses', status: 200 });
      expect(request?.headers).toMatchObject({
        authorization: 'Bearer mock-openai-key',
        accept: 'text/event-stream',
        originator: 'codex_exec',
        'session-id': expect.any(String),
        'x-codex-turn-metadata': expect.any(String),
      });
      expect(request?.headers['user-agent']).toMatch(/^codex_exec\/0\.169/);
      const body = bodyOf(0);
      expect(body).toMatchObject({
        model: 'gpt-5',
        stream: true,
        store: false,
        include: ['reasoning.encrypted_content'],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        reasoning: { summary: 'auto' },
        prompt_cache_key: expect.any(String),
        client_metadata: expect.any(Object),
      });
      // Codex puts its system prompt in developer messages, not in `instructions`.
      expect(body).not.toHaveProperty('instructions');
      const tools = Array.isArray(body.tools) ? body.tools.filter(isJsonObject) : [];
      expect(tools.map((tool) => tool.name ?? tool.type)).toEqual(
        expect.arrayContaining(['exec_command', 'web_search']),
      );
    },
    CODEX_TIMEOUT_MS,
  );

  it(
    'runs exec_command on mock:tool and ends the loop with the tool output',
    async () => {
      const run = await runCodex('mock:tool exec_command {"cmd":"echo codex-tool-ok"}');

      expect(run.code, run.stderr).toBe(0);
      const executed = run.events.find(
        (event) =>
          event.type === 'item.completed' &&
          isJsonObject(event.item) &&
          event.item.type === 'command_execution',
      );
      expect(executed).toMatchObject({ item: { aggregated_output: 'codex-tool-ok\n', exit_code: 0 } });
      expect(mock.requests).toHaveLength(2);
      const input = bodyOf(1).input;
      const last = Array.isArray(input) ? input.at(-1) : undefined;
      expect(last).toMatchObject({
        type: 'function_call_output',
        call_id: expect.stringMatching(/^call_mock_/),
      });
      const [answer = ''] = agentMessages(run);
      expect(answer).toMatch(/^Tool result: /);
      expect(answer).toContain('codex-tool-ok');
    },
    CODEX_TIMEOUT_MS,
  );
});
