import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';
import { startConnectProxy, startSocks5Proxy, type TestProxy } from '../support/proxies.js';

let mock: MockUpstream;
let gate: RunningGatehouse;
let httpProxy: TestProxy;
let socksProxy: TestProxy;

beforeAll(async () => {
  mock = await startMockAnthropic();
  gate = await startGatehouse();
  httpProxy = await startConnectProxy();
  socksProxy = await startSocks5Proxy();
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
  await httpProxy?.close();
  await socksProxy?.close();
});

async function sendThrough(group: string, key: string) {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'x-gatehouse-group': group },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
  return { status: response.status, text: await response.text() };
}

describe('outbound proxy per account', () => {
  it.each([
    ['an HTTP CONNECT proxy', () => httpProxy],
    ['a SOCKS5 proxy', () => socksProxy],
  ])('sends the account’s requests through %s', async (_name, proxy) => {
    const group = `via-${proxy().url.split(':')[0]}`;
    await gate.createAccount({
      name: group,
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      group,
      proxyUrl: proxy().url,
    });
    const key = await gate.createKey();
    const before = proxy().tunnels();
    const answer = await sendThrough(group, key.key);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('event: message_stop');
    expect(proxy().tunnels()).toBeGreaterThan(before);
  });

  it('never shows a proxy password through the admin API', async () => {
    const created = await gate.admin<{ proxyUrl: string }>('POST', '/admin/api/accounts', {
      name: 'secret proxy',
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      proxyUrl: 'http://relay-user:hunter2-proxy-secret@127.0.0.1:9',
      enabled: false,
    });
    expect(created.body.proxyUrl).toBe('http://relay-user:***@127.0.0.1:9/');
    const listed = await gate.admin('GET', '/admin/api/accounts');
    expect(JSON.stringify(listed.body)).not.toContain('hunter2');
  });

  it('refuses a proxy URL of an unknown scheme', async () => {
    const answer = await gate.admin<{ error: { message: string } }>('POST', '/admin/api/accounts', {
      name: 'bad proxy',
      type: 'anthropic',
      apiKey: 'k',
      proxyUrl: 'ftp://127.0.0.1:21',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('proxyUrl');
  });
});
