import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type GatehouseConfig } from './config-schema.js';

/** The environment variables of the automation contract (SPEC §8) and the config path each one sets. */
const environmentBindings: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['GATEHOUSE_PORT', ['port']],
  ['GATEHOUSE_HOST', ['host']],
  ['GATEHOUSE_DATA_DIR', ['dataDir']],
  ['DATABASE_URL', ['databaseUrl']],
  ['REDIS_URL', ['redisUrl']],
  ['GATEHOUSE_REDIS_PREFIX', ['redisPrefix']],
  ['GATEHOUSE_REDIS_FAILURE', ['cluster', 'redisFailure']],
  ['GATEHOUSE_LEADER_LEASE_MS', ['cluster', 'leaderLeaseMs']],
  ['GATEHOUSE_RECONCILE_INTERVAL_MS', ['cluster', 'reconcileIntervalMs']],
  ['GATEHOUSE_ADMIN_TOKEN', ['adminToken']],
  ['GATEHOUSE_ADMIN_PASSWORD', ['adminPassword']],
  ['GATEHOUSE_MASTER_KEY', ['masterKey']],
  ['GATEHOUSE_LOG_LEVEL', ['logLevel']],
  ['GATEHOUSE_TIME_ZONE', ['timeZone']],
  ['GATEHOUSE_TRUSTED_PROXIES', ['trustedProxies']],
  ['GATEHOUSE_MAX_BODY_BYTES', ['limits', 'maxBodyBytes']],
  ['GATEHOUSE_USAGE_FLUSH_INTERVAL_MS', ['usage', 'flushIntervalMs']],
  ['GATEHOUSE_USAGE_RETENTION_DAYS', ['usage', 'retentionDays']],
  ['GATEHOUSE_USAGE_LIVE_HEARTBEAT_MS', ['usage', 'liveHeartbeatMs']],
  ['GATEHOUSE_METRICS_TOKEN', ['metrics', 'token']],
  ['GATEHOUSE_SHUTDOWN_DRAIN_MS', ['shutdown', 'drainTimeoutMs']],
  ['GATEHOUSE_SMTP_HOST', ['notify', 'smtp', 'host']],
  ['GATEHOUSE_SMTP_PORT', ['notify', 'smtp', 'port']],
  ['GATEHOUSE_SMTP_SECURE', ['notify', 'smtp', 'secure']],
  ['GATEHOUSE_SMTP_USER', ['notify', 'smtp', 'user']],
  ['GATEHOUSE_SMTP_PASSWORD', ['notify', 'smtp', 'password']],
  ['GATEHOUSE_SMTP_FROM', ['notify', 'smtp', 'from']],
  ['GATEHOUSE_WEBHOOK_URL', ['notify', 'webhook', 'url']],
  ['GATEHOUSE_WEBHOOK_SECRET', ['notify', 'webhook', 'secret']],
];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Environment = Record<string, string | undefined>;

/**
 * Reads the configuration once: the YAML file named by GATEHOUSE_CONFIG (if any), then the environment
 * on top of it. The result is validated and frozen; a bad value fails here, naming the field.
 */
export function loadConfig(env: Environment = process.env): Readonly<GatehouseConfig> {
  const fromFile = env.GATEHOUSE_CONFIG ? readYamlFile(env.GATEHOUSE_CONFIG) : {};
  const merged = applyEnvironment(fromFile, env);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, env.GATEHOUSE_CONFIG));
  return deepFreeze(parsed.data);
}

function readYamlFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read GATEHOUSE_CONFIG file ${path}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`GATEHOUSE_CONFIG file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(`GATEHOUSE_CONFIG file ${path} must hold a mapping at its top level`);
  }
  return document as Record<string, unknown>;
}

function applyEnvironment(base: Record<string, unknown>, env: Environment): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(base);
  for (const [variable, path] of environmentBindings) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(result, path, value);
  }
  return result;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const child = node[segment];
    if (typeof child !== 'object' || child === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function describeIssues(error: z.ZodError, file: string | undefined): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.join('.') || '(root)';
    const variable = environmentBindings.find(([, path]) => path.join('.') === field)?.[0];
    const where = variable ? `${field} (${variable})` : field;
    return `  - ${where}: ${issue.message}`;
  });
  const source = file ? ` (file ${file} and environment)` : ' (environment)';
  return `invalid configuration${source}:\n${lines.join('\n')}`;
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
