// Runs the real Codex CLI (0.169, from devDependencies) once with `codex exec --json`, offline, against
// a Responses-API base URL (the mock directly, or Gatehouse). Codex is configured as for a gateway: a
// custom model_provider with `wire_api = "responses"`, the key in an env var, retries off.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));
export const CODEX_TIMEOUT_MS = 120_000;

export type CodexEvent = Record<string, unknown>;

export interface CodexRun {
  code: number | null;
  events: CodexEvent[];
  stderr: string;
}

function codexConfig(baseUrl: string): string {
  return [
    'model = "gpt-5"',
    'model_provider = "gateway"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.gateway]',
    'name = "Gateway"',
    `base_url = "${baseUrl}"`,
    'wire_api = "responses"',
    'env_key = "GATEWAY_API_KEY"',
    // Retries would hide a failed first answer and multiply recorded requests.
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

function isObject(value: unknown): value is CodexEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs one prompt in a fresh temporary HOME/CODEX_HOME, removed afterwards. */
export async function runCodex(baseUrl: string, apiKey: string, prompt: string): Promise<CodexRun> {
  const home = await mkdtemp(join(tmpdir(), 'gatehouse-codex-'));
  try {
    await mkdir(join(home, '.codex'));
    await mkdir(join(home, 'work'));
    await writeFile(join(home, '.codex', 'config.toml'), codexConfig(baseUrl));
    const child = spawn(CODEX, ['exec', '--skip-git-repo-check', '--json', prompt], {
      cwd: join(home, 'work'),
      // A minimal environment: no real credentials leak in, and any traffic that is not for the
      // base URL goes to a closed local port, so the run is offline by construction.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        CODEX_HOME: join(home, '.codex'),
        GATEWAY_API_KEY: apiKey,
        HTTP_PROXY: 'http://127.0.0.1:9',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        NO_PROXY: '127.0.0.1,localhost',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CODEX_TIMEOUT_MS - 5_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [code] = (await once(child, 'close')) as [number | null];
    clearTimeout(timer);
    const events = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line): unknown => JSON.parse(line))
      .filter(isObject);
    return { code, events, stderr };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** The texts of the agent's final messages. */
export function agentMessages(run: CodexRun): string[] {
  return run.events.flatMap((event) => {
    const item = event.type === 'item.completed' && isObject(event.item) ? event.item : undefined;
    return item?.type === 'agent_message' && typeof item.text === 'string' ? [item.text] : [];
  });
}

/** The completed command executions (Codex's exec_command tool). */
export function commandExecutions(run: CodexRun): CodexEvent[] {
  return run.events.flatMap((event) =>
    event.type === 'item.completed' && isObject(event.item) && event.item.type === 'command_execution'
      ? [event.item]
      : [],
  );
}
