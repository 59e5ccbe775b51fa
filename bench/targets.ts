// Starting the processes under test: the mock upstream, the floor proxy and Gatehouse, each in its own
// process on 127.0.0.1, so /proc gives each one's CPU and memory separately.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { request } from 'undici';
import { freePort, listeningUrl, outputTail } from './child-io.js';
import { BENCH_MODEL } from './claude-code-body.js';
import type { ProcessRegistry } from './processes.js';

export type TargetName = 'direct' | 'floor' | 'gatehouse';

export const TARGET_NAMES: readonly TargetName[] = ['direct', 'floor', 'gatehouse'];

/** Something that serves POST /v1/messages, and the process whose cost we charge it. */
export interface Target {
  name: TargetName;
  origin: string;
  apiKey: string;
  pid: number;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOCK_CLI = join(REPO_ROOT, 'test/support/mock-upstream/cli.ts');
const GATEHOUSE_ENTRY = join(REPO_ROOT, 'dist/main.js');
const MOCK_API_KEY = 'mock-key';
const START_TIMEOUT_MS = 30_000;

function pidOf(child: ChildProcess, name: string): number {
  if (child.pid === undefined) throw new Error(`${name}: could not spawn`);
  return child.pid;
}

/** The mock upstream in fast mode; as a target it is "direct". */
export async function startMock(registry: ProcessRegistry): Promise<Target> {
  if (!existsSync(MOCK_CLI)) throw new Error(`mock upstream not found at ${MOCK_CLI}`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MOCK_CLI, '--fast', '--api-key', MOCK_API_KEY, '--port', String(port)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  registry.track('mock upstream', child);
  const origin = await listeningUrl(child, 'mock upstream', outputTail(child), START_TIMEOUT_MS);
  return { name: 'direct', origin: new URL(origin).origin, apiKey: MOCK_API_KEY, pid: pidOf(child, 'mock') };
}

/**
 * The floor proxy as plain JavaScript in a temp dir. Run under tsx it would carry the loader's own
 * ~65 MB of resident memory (measured), which Gatehouse, running from dist/, does not.
 */
function compileFloorProxy(registry: ProcessRegistry): string {
  const source = readFileSync(fileURLToPath(new URL('./floor-proxy.ts', import.meta.url)), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
  });
  // The temp dir has no node_modules; point the one bare import at the repository's copy.
  const undiciUrl = pathToFileURL(createRequire(import.meta.url).resolve('undici')).href;
  const path = join(registry.tempDir('gatehouse-bench-floor-'), 'floor-proxy.mjs');
  writeFileSync(path, outputText.replace(/from 'undici'/, `from '${undiciUrl}'`));
  return path;
}

/** The bare pass-through proxy in front of the mock. */
export async function startFloor(registry: ProcessRegistry, upstream: Target): Promise<Target> {
  const child = spawn(
    process.execPath,
    [compileFloorProxy(registry), '--upstream', upstream.origin, '--port', '0'],
    {
      cwd: REPO_ROOT,
      // stdin stays a pipe we never close: the proxy exits when it reads end-of-file (we died).
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  registry.track('floor proxy', child);
  const origin = await listeningUrl(child, 'floor proxy', outputTail(child), START_TIMEOUT_MS);
  return { name: 'floor', origin, apiKey: upstream.apiKey, pid: pidOf(child, 'floor') };
}

/** Inherited variables that would point Gatehouse at someone else's config, database or Redis. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GATEHOUSE_') && name !== 'DATABASE_URL' && name !== 'REDIS_URL') env[name] = value;
  }
  return env;
}

/** The real gateway from dist/, configured through its admin API with one account and one key. */
export async function startGatehouse(registry: ProcessRegistry, upstream: Target): Promise<Target> {
  if (!existsSync(GATEHOUSE_ENTRY)) {
    throw new Error(`gatehouse: ${GATEHOUSE_ENTRY} does not exist (npm run build did not produce it)`);
  }
  const port = await freePort();
  const adminToken = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, [GATEHOUSE_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...cleanEnvironment(),
      GATEHOUSE_PORT: String(port),
      GATEHOUSE_HOST: '127.0.0.1',
      GATEHOUSE_DATA_DIR: registry.tempDir('gatehouse-bench-'),
      GATEHOUSE_ADMIN_TOKEN: adminToken,
      GATEHOUSE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registry.track('gatehouse', child);
  const tail = outputTail(child, true);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilReady(origin, child, tail);
  await adminPost(origin, adminToken, '/admin/api/accounts', {
    name: 'mock',
    type: 'anthropic',
    baseUrl: upstream.origin,
    apiKey: upstream.apiKey,
    models: [BENCH_MODEL],
  });
  // The issue measures Gatehouse "with auth, limits and usage recording all on": the key carries a
  // rate limit, a concurrency cap and a model allowlist that the load never reaches but every request checks.
  const created = await adminPost(origin, adminToken, '/admin/api/keys', {
    name: 'bench',
    rpmLimit: 100_000_000,
    concurrencyLimit: 100_000,
    allowedModels: ['claude-*'],
    ipAllowlist: ['127.0.0.0/8', '::1'],
  });
  if (typeof created.key !== 'string') throw new Error('gatehouse: POST /admin/api/keys returned no `key`');
  return { name: 'gatehouse', origin, apiKey: created.key, pid: pidOf(child, 'gatehouse') };
}

async function waitUntilReady(origin: string, child: ChildProcess, tail: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`gatehouse exited (${child.signalCode ?? child.exitCode}) before ready:\n${tail()}`);
    }
    try {
      const response = await request(`${origin}/ready`);
      await response.body.dump();
      if (response.statusCode === 200) return;
      last = `GET /ready → ${response.statusCode}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`gatehouse not ready within ${START_TIMEOUT_MS} ms (${last}):\n${tail()}`);
}

async function adminPost(
  origin: string,
  adminToken: string,
  path: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await request(`${origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`gatehouse: POST ${path} → ${response.statusCode}: ${text.slice(0, 500)}`);
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`gatehouse: POST ${path} returned ${text}`);
  return parsed as Record<string, unknown>;
}
