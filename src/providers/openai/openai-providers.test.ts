import { describe, expect, it } from 'vitest';
import type { LiveAccount } from '../../domain/account.js';
import { classifyOpenAiFailure, parseOpenAiDuration } from './classify-openai-failure.js';
import { azureOpenAiProvider, openAiCompatibleProvider, openAiProvider } from './openai-providers.js';

function account(baseUrl: string): LiveAccount {
  return {
    id: 'a',
    name: 'a',
    type: 'openai',
    baseUrl,
    models: [],
    priority: 0,
    weight: 1,
    concurrencyLimit: null,
    group: null,
    enabled: true,
    createdAt: 0,
    updatedAt: 0,
    credential: 'sk-upstream',
    proxyUrl: null,
    extraHeaders: { 'HTTP-Referer': 'https://team.example', authorization: 'never-wins' },
  };
}

const incoming = {
  authorization: 'Bearer sk-gate-caller',
  'openai-organization': 'org-caller',
  'x-stainless-lang': 'js',
  'session-id': 's1',
};

describe('OpenAI-family targets', () => {
  it('appends the endpoint to an OpenAI base URL and sends the account key, never the caller’s', () => {
    const target = openAiProvider.target(
      account('https://api.openai.com/v1'),
      'openai-responses',
      'generate',
      incoming,
      '',
      'gpt-5',
    );
    expect(target).toMatchObject({ origin: 'https://api.openai.com', path: '/v1/responses' });
    expect(target?.headers).toMatchObject({
      authorization: 'Bearer sk-upstream',
      'x-stainless-lang': 'js',
      'session-id': 's1',
    });
    expect(target?.headers['openai-organization']).toBeUndefined();
  });

  it('adds the account’s extra headers, but never lets them replace the credential', () => {
    const target = openAiCompatibleProvider.target(
      account('https://openrouter.ai/api/v1'),
      'openai-chat',
      'generate',
      {},
      '',
      'm',
    );
    expect(target?.headers['http-referer']).toBe('https://team.example');
    expect(target?.headers.authorization).toBe('Bearer sk-upstream');
  });

  it('serves only Chat Completions for compatible vendors, and nothing for count_tokens', () => {
    const base = account('https://api.deepseek.com/v1');
    expect(openAiCompatibleProvider.target(base, 'openai-chat', 'generate', {}, '', 'm')?.path).toBe(
      '/v1/chat/completions',
    );
    expect(openAiCompatibleProvider.dialects).toEqual(['openai-chat']);
    expect(openAiProvider.target(base, 'openai-chat', 'count_tokens', {}, '', 'm')).toBeUndefined();
  });

  it.each([
    ['https://res.openai.azure.com/openai/v1', 'openai-chat', '/openai/v1/chat/completions'],
    [
      'https://res.openai.azure.com',
      'openai-chat',
      '/openai/deployments/my%20gpt/chat/completions?api-version=2024-10-21',
    ],
    [
      'https://res.openai.azure.com?api-version=2025-01-01-preview',
      'openai-chat',
      '/openai/deployments/my%20gpt/chat/completions?api-version=2025-01-01-preview',
    ],
    ['https://res.openai.azure.com', 'openai-responses', '/openai/responses?api-version=2025-04-01-preview'],
  ] as const)('Azure %s (%s) → %s with an api-key header', (baseUrl, dialect, path) => {
    const target = azureOpenAiProvider.target(account(baseUrl), dialect, 'generate', {}, '', 'my gpt');
    expect(target?.path).toBe(path);
    expect(target?.headers['api-key']).toBe('sk-upstream');
    expect(target?.headers.authorization).toBeUndefined();
  });
});

describe('OpenAI failure classes', () => {
  it.each([
    [429, 'rate_limit_exceeded', { 'x-ratelimit-reset-requests': '6m0s' }, 'rate_limited', 360_000],
    [429, 'rate_limit_exceeded', { 'retry-after': '3' }, 'rate_limited', 3000],
    [429, 'insufficient_quota', {}, 'quota_exhausted', undefined],
    [503, undefined, {}, 'overloaded', undefined],
    [401, 'invalid_api_key', {}, 'credential_invalid', undefined],
    [500, undefined, {}, 'server_error', undefined],
    [400, 'invalid_request_error', {}, 'client_error', undefined],
  ] as const)('%i %s → %s', (status, type, headers, failureClass, retryAfterMs) => {
    const failure = classifyOpenAiFailure(status, headers, type, '', 0);
    expect(failure.failureClass).toBe(failureClass);
    expect(failure.retryAfterMs).toBe(retryAfterMs);
  });

  it('parses OpenAI durations', () => {
    expect(parseOpenAiDuration('1s')).toBe(1000);
    expect(parseOpenAiDuration('20ms')).toBe(20);
    expect(parseOpenAiDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseOpenAiDuration('soon')).toBeUndefined();
  });
});
