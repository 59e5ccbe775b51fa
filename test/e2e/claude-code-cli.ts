// Runs the real Claude Code CLI (`@anthropic-ai/claude-code`, native binary) once in print mode,
// fully offline against a local base URL, and parses its stream-json output.
//
// What it needs to run non-interactively (observed with 2.1.x): nothing in HOME (no onboarding or
// trust dialog is shown in `-p` mode, an empty temporary HOME is enough), the offline switches from
// SPEC §2, and `--allowedTools Bash` so a Bash tool_use runs without a permission prompt (as root,
// `--dangerously-skip-permissions` is refused, and it is not needed).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLAUDE_BINARY = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');

export type Credential = { kind: 'auth-token' | 'api-key'; value: string };

export interface ClaudeRunOptions {
  baseUrl: string;
  credential: Credential;
  prompt: string;
  /** Extra CLI arguments, e.g. `['--allowedTools', 'Bash']`. */
  args?: readonly string[];
  timeoutMs?: number;
}

/** One line of `--output-format stream-json --verbose` output (only the fields the tests read). */
export interface StreamJsonEvent {
  type: string;
  subtype?: string;
  is_error?: boolean;
  result?: string;
  message?: { role?: string; content?: unknown };
  [field: string]: unknown;
}

export interface ClaudeRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  events: StreamJsonEvent[];
  /** The final `result` event, if Claude Code printed one. */
  result: StreamJsonEvent | undefined;
}

const OFFLINE_ENV = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  CLAUDE_CODE_MAX_RETRIES: '0',
} as const;

/** The parent's environment minus anything that could steer Claude Code elsewhere. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(ANTHROPIC_|CLAUDE|AWS_|GOOGLE_|VERTEX_)/.test(name)) continue;
    if (/^(HTTPS?_PROXY|ALL_PROXY|NO_PROXY)$/i.test(name)) continue;
    env[name] = value;
  }
  return env;
}

export function parseStreamJson(stdout: string): StreamJsonEvent[] {
  const events: StreamJsonEvent[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed !== null && typeof parsed === 'object' && 'type' in parsed)
        events.push(parsed as StreamJsonEvent);
    } catch {
      // not a JSON line (stray diagnostics): ignore
    }
  }
  return events;
}

/** Runs `claude -p <prompt> --output-format stream-json --verbose` in a temporary HOME and cwd. */
export async function runClaudeCode(options: ClaudeRunOptions): Promise<ClaudeRun> {
  const home = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-cwd-'));
  const env: Record<string, string> = {
    ...baseEnvironment(),
    ...OFFLINE_ENV,
    HOME: home,
    ANTHROPIC_BASE_URL: options.baseUrl,
    [options.credential.kind === 'auth-token' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY']:
      options.credential.value,
  };
  const args = ['-p', options.prompt, '--output-format', 'stream-json', '--verbose', ...(options.args ?? [])];
  const child = spawn(CLAUDE_BINARY, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timeoutMs = options.timeoutMs ?? 45_000;
  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(
            new Error(`claude did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
          );
        }, timeoutMs);
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.once('close', (code, closeSignal) => {
          clearTimeout(timer);
          resolve([code, closeSignal]);
        });
      },
    );
    const events = parseStreamJson(stdout);
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      events,
      result: events.findLast((event) => event.type === 'result'),
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** A readable summary of a run for assertion messages. */
export function describeRun(run: ClaudeRun): string {
  return `exit ${run.exitCode} (signal ${run.signal})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}
