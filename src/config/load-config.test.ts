import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function yamlFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      redisPrefix: 'gatehouse:',
      logLevel: 'info',
    });
    expect(config.limits.maxBodyBytes).toBe(32 * 1024 * 1024);
    expect(config.limits.maxHeaderBytes).toBe(16 * 1024);
    expect(config.limits.headersTimeoutMs).toBe(60_000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reads the YAML file and lets the environment override it', () => {
    const path = yamlFile(
      'ok.yaml',
      'port: 9000\nhost: 127.0.0.1\nlimits:\n  maxBodyBytes: 1024\nusage:\n  flushIntervalMs: 500\n',
    );
    const config = loadConfig({ GATEHOUSE_CONFIG: path, GATEHOUSE_PORT: '9100' });
    expect(config.port).toBe(9100);
    expect(config.host).toBe('127.0.0.1');
    expect(config.limits.maxBodyBytes).toBe(1024);
    expect(config.limits.maxHeaderBytes).toBe(16 * 1024);
    expect(config.usage.flushIntervalMs).toBe(500);
  });

  it.each([
    [{ GATEHOUSE_PORT: '70000' }, 'port (GATEHOUSE_PORT)'],
    [{ GATEHOUSE_PORT: 'abc' }, 'port (GATEHOUSE_PORT)'],
    [{ GATEHOUSE_ADMIN_TOKEN: 'short' }, 'adminToken (GATEHOUSE_ADMIN_TOKEN)'],
    [{ GATEHOUSE_MASTER_KEY: 'too short' }, 'masterKey (GATEHOUSE_MASTER_KEY)'],
    [
      { GATEHOUSE_USAGE_FLUSH_INTERVAL_MS: '5000' },
      'usage.flushIntervalMs (GATEHOUSE_USAGE_FLUSH_INTERVAL_MS)',
    ],
  ])('names the offending field: %o', (env, field) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(field);
  });

  it('names unknown and mistyped fields in the YAML file', () => {
    const typo = yamlFile('typo.yaml', 'prot: 9000\n');
    expect(() => loadConfig({ GATEHOUSE_CONFIG: typo })).toThrow(/prot/);
    const nested = yamlFile('nested.yaml', 'limits:\n  maxBodyBytes: lots\n');
    expect(() => loadConfig({ GATEHOUSE_CONFIG: nested })).toThrow('limits.maxBodyBytes');
  });

  it('explains a missing or broken file', () => {
    expect(() => loadConfig({ GATEHOUSE_CONFIG: join(dir, 'missing.yaml') })).toThrow(
      /cannot read GATEHOUSE_CONFIG/,
    );
    const broken = yamlFile('broken.yaml', 'port: [\n');
    expect(() => loadConfig({ GATEHOUSE_CONFIG: broken })).toThrow(/not valid YAML/);
    const list = yamlFile('list.yaml', '- a\n- b\n');
    expect(() => loadConfig({ GATEHOUSE_CONFIG: list })).toThrow(/mapping/);
  });

  it('reads notification channels from the file and the environment', () => {
    const file = yamlFile(
      'notify.yaml',
      'notify:\n  smtp:\n    host: mail.example.org\n    from: gh@example.org\n    secure: true\n',
    );
    const config = loadConfig({
      GATEHOUSE_CONFIG: file,
      GATEHOUSE_SMTP_SECURE: 'false',
      GATEHOUSE_SMTP_PASSWORD: 'pw',
      GATEHOUSE_WEBHOOK_URL: 'https://hooks.example.org/gatehouse',
      GATEHOUSE_WEBHOOK_SECRET: 'sixteen-chars-or-more',
    });
    expect(config.notify.smtp).toEqual({
      host: 'mail.example.org',
      port: 587,
      secure: false,
      password: 'pw',
      from: 'gh@example.org',
    });
    expect(config.notify.webhook).toEqual({
      url: 'https://hooks.example.org/gatehouse',
      secret: 'sixteen-chars-or-more',
      timeoutMs: 10_000,
    });
    expect(loadConfig({}).notify).toEqual({ alertDebounceMs: 1_800_000 });
    expect(() => loadConfig({ GATEHOUSE_WEBHOOK_URL: 'ftp://x' })).toThrow('notify.webhook.url');
  });
});
