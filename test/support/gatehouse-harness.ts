import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createGatehouse, type Gatehouse } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { type MockUpstream, startMockAnthropic } from './mock-upstream/mock-anthropic.js';

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface RunningGatehouse {
  url: string;
  adminToken: string;
  dataDir: string;
  gatehouse: Gatehouse;
  /** Every SQL statement run since start (tests prove the request path adds none). */
  queries: string[];
  /** Every log line written, as text (tests prove no secret reaches them). */
  logs: string[];
  /** What the first-admin bootstrap announced. */
  announcements: string[];
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>>;
  createAccount(fields: Record<string, unknown>): Promise<{ id: string }>;
  createKey(fields?: Record<string, unknown>): Promise<{ id: string; key: string }>;
  close(): Promise<void>;
}

export function temporaryDirectory(prefix = 'gatehouse-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts Gatehouse in this process on a free loopback port with its own data dir. */
export async function startGatehouse(
  env: Record<string, string> = {},
  options: { random?: () => number; consoleDirectory?: string; now?: () => number } = {},
): Promise<RunningGatehouse> {
  const dataDir = temporaryDirectory();
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  const config = loadConfig({
    GATEHOUSE_PORT: '0',
    GATEHOUSE_HOST: '127.0.0.1',
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_ADMIN_TOKEN: adminToken,
    GATEHOUSE_LOG_LEVEL: 'info',
    ...env,
  });
  const queries: string[] = [];
  const logs: string[] = [];
  const announcements: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const gatehouse = await createGatehouse(config, {
    logger: createLogger(config.logLevel, sink),
    onQuery: (sql) => queries.push(sql),
    announce: (message) => announcements.push(message),
    ...options,
  });
  const url = await gatehouse.listen();
  return withAdminHelpers({ url, adminToken, dataDir, gatehouse, queries, logs, announcements }, async () => {
    await gatehouse.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

export function withAdminHelpers<T extends { url: string; adminToken: string }>(
  base: T,
  close: () => Promise<void>,
): T & Pick<RunningGatehouse, 'admin' | 'createAccount' | 'createKey' | 'close'> {
  async function admin<R>(method: string, path: string, body?: unknown): Promise<AdminAnswer<R>> {
    const response = await fetch(`${base.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${base.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as R };
  }
  async function expectCreated<R>(path: string, fields: unknown): Promise<R> {
    const answer = await admin<R>('POST', path, fields);
    if (answer.status !== 201)
      throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  return {
    ...base,
    admin,
    createAccount: (fields) => expectCreated<{ id: string }>('/admin/api/accounts', fields),
    createKey: (fields = {}) =>
      expectCreated<{ id: string; key: string }>('/admin/api/keys', { name: 'test key', ...fields }),
    close,
  };
}

export interface SpawnedGatehouse {
  url: string;
  adminToken: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `src/main.ts` as its own process (for signals, start-up output and the quick start). */
export async function spawnGatehouse(
  env: Record<string, string> = {},
  dataDir = temporaryDirectory(),
): Promise<SpawnedGatehouse> {
  const adminToken = env.GATEHOUSE_ADMIN_TOKEN ?? `test-admin-${randomBytes(12).toString('hex')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      ...process.env,
      GATEHOUSE_PORT: '0',
      GATEHOUSE_HOST: '127.0.0.1',
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_ADMIN_TOKEN: adminToken,
      GATEHOUSE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gatehouse did not start:\n${text}`)), 30_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gatehouse exited with ${code} before listening:\n${text}`));
    });
  });
  return {
    url,
    adminToken,
    dataDir,
    child,
    output: () => text,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface RelayFixture {
  mock: MockUpstream;
  gate: RunningGatehouse;
  accountId: string;
  close(): Promise<void>;
}

/**
 * The usual integration setup: a mock Anthropic upstream, a Gatehouse in this process, and one
 * `anthropic` account pointing at the mock (fields override the defaults).
 */
export async function startRelayFixture(
  account: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<RelayFixture> {
  const mock = await startMockAnthropic();
  const gate = await startGatehouse(env);
  const { id } = await gate.createAccount({
    name: 'mock',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['claude-sonnet-4-5'],
    ...account,
  });
  return {
    mock,
    gate,
    accountId: id,
    async close() {
      await gate.close();
      await mock.close();
    },
  };
}

/** Writes a GATEHOUSE_CONFIG YAML file in its own temporary directory and returns its path. */
export function configFile(yaml: string): string {
  const path = join(temporaryDirectory('gatehouse-config-'), 'gatehouse.yaml');
  writeFileSync(path, yaml);
  return path;
}
