// Runs the real Codex CLI (0.169, from devDependencies) against the mock directly, offline, to pin down
// what Codex sends to an OpenAI Responses upstream and to prove the mock answers it well enough for a
// plain answer and a shell-tool round trip. Codex is configured as it would be for a gateway: a custom
// model_provider with `wire_api = "responses"`, the key in an env var, retries off.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockOpenAi, startMockOpenAi } from './mock-openai.js';
import { isJsonObject, type JsonObject } from './parse-request.js';
import { DEFAULT_TEXT } from './plan-reply.js';

const CODEX = fileURLToPath(new URL('../../../node_modules/.bin/codex', import.meta.url));
const CODEX_TIMEOUT_MS = 120_000;

let mock: MockOpenAi;
let home: string;

function codexConfig(baseUrl: string): string {
  return [
    'model = "gpt-5"',
    'model_provider = "gatehouse_mock"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.gatehouse_mock]',
    'name = "Gatehouse mock"',
    `base_url = "${baseUrl}"`,
    'wire_api = "responses"',
    'env_key = "GATEHOUSE_MOCK_KEY"',
    // Retries would hide a failed first answer and multiply recorded requests.
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

beforeEach(async () => {
  mock = await startMockOpenAi();
  home = await mkdtemp(join(tmpdir(), 'gatehouse-codex-'));
  await mkdir(join(home, '.codex'));
  await mkdir(join(home, 'work'));
  await writeFile(join(home, '.codex', 'config.toml'), codexConfig(mock.url));
});

afterEach(async () => {
  await mock.close();
  await rm(home, { recursive: true, force: true });
});

interface CodexRun {
  code: number | null;
  events: JsonObject[];
  stderr: string;
}

/** `codex exec --json` prints one JSON event per line on stdout. */
async function runCodex(prompt: string): Promise<CodexRun> {
  const child = spawn(CODEX, ['exec', '--skip-git-repo-check', '--json', prompt], {
    cwd: join(home, 'work'),
    // A minimal environment: no real OpenAI credentials leak in, and any traffic that is not for the
    // mock goes to a closed local port, so the run is offline by construction.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      CODEX_HOME: join(home, '.codex'),
      GATEHOUSE_MOCK_KEY: 'mock-openai-key',
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const events = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line): unknown => JSON.parse(line))
    .filter(isJsonObject);
  return { code, events, stderr };
}

function agentMessages(run: CodexRun): string[] {
  return run.events.flatMap((event) => {
    const item = event.type === 'item.completed' && isJsonObject(event.item) ? event.item : undefined;
    return item?.type === 'agent_message' && typeof item.text === 'string' ? [item.text] : [];
  });
}

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
