import type { IncomingHttpHeaders } from 'node:http';
import type { LiveAccount } from '../../domain/account.js';
import { accountExtraHeaders } from '../extra-headers.js';
import type { Dialect, Operation, Provider, UpstreamTarget } from '../provider.js';
import { splitBaseUrl } from '../split-base-url.js';
import { classifyOpenAiFailure } from './classify-openai-failure.js';
import { forwardOpenAiHeaders } from './openai-headers.js';

const endpoints: Partial<Record<Dialect, string>> = {
  'openai-chat': '/chat/completions',
  'openai-responses': '/responses',
};

/** OpenAI-style base URLs include `/v1`: the endpoint is appended to the whole base URL. */
function bearerTarget(
  account: LiveAccount,
  dialect: Dialect,
  operation: Operation,
  incoming: IncomingHttpHeaders,
) {
  const endpoint = endpoints[dialect];
  if (!endpoint || operation !== 'generate') return undefined;
  const { origin, prefix, search } = splitBaseUrl(account.baseUrl);
  const headers = { ...forwardOpenAiHeaders(incoming), ...accountExtraHeaders(account.extraHeaders) };
  headers.authorization = `Bearer ${account.credential}`;
  return { origin, path: `${prefix}${endpoint}${search}`, headers };
}

/** OpenAI itself: Chat Completions and the Responses API. */
export const openAiProvider: Provider = {
  type: 'openai',
  dialects: ['openai-chat', 'openai-responses'],
  defaultBaseUrl: 'https://api.openai.com/v1',
  baseUrlConvention: 'the API base with /v1, e.g. https://api.openai.com/v1',
  target: (account, dialect, operation, incoming) => bearerTarget(account, dialect, operation, incoming),
  classifyFailure: classifyOpenAiFailure,
};

/** Any vendor with an OpenAI-compatible Chat Completions API (DeepSeek, Qwen, OpenRouter, vLLM, Ollama…). */
export const openAiCompatibleProvider: Provider = {
  type: 'openai-compatible',
  dialects: ['openai-chat'],
  defaultBaseUrl: 'http://127.0.0.1:11434/v1',
  baseUrlConvention: 'the vendor base URL with /v1, e.g. https://api.deepseek.com/v1',
  target: (account, dialect, operation, incoming) => bearerTarget(account, dialect, operation, incoming),
  classifyFailure: classifyOpenAiFailure,
};

const azureApiVersion = '2024-10-21';
const azureResponsesApiVersion = '2025-04-01-preview';

/**
 * Azure OpenAI, keyed by `api-key`. A base URL ending in `/openai/v1` uses Azure's v1 API (the model
 * field names the deployment); a bare resource endpoint uses deployment paths, the deployment being the
 * account's upstream model name, with `?api-version=` from the base URL or a GA default.
 */
export const azureOpenAiProvider: Provider = {
  type: 'azure-openai',
  dialects: ['openai-chat', 'openai-responses'],
  defaultBaseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1',
  baseUrlConvention:
    'https://<resource>.openai.azure.com/openai/v1, or the resource endpoint for deployment paths',
  target(account, dialect, operation, incoming, _query, upstreamModel): UpstreamTarget | undefined {
    const endpoint = endpoints[dialect];
    if (!endpoint || operation !== 'generate') return undefined;
    const { origin, prefix, search } = splitBaseUrl(account.baseUrl);
    const headers = { ...forwardOpenAiHeaders(incoming), ...accountExtraHeaders(account.extraHeaders) };
    headers['api-key'] = account.credential;
    if (prefix.endsWith('/openai/v1')) return { origin, path: `${prefix}${endpoint}${search}`, headers };
    const version =
      new URLSearchParams(search).get('api-version') ??
      (dialect === 'openai-responses' ? azureResponsesApiVersion : azureApiVersion);
    const path =
      dialect === 'openai-responses'
        ? `${prefix}/openai/responses`
        : `${prefix}/openai/deployments/${encodeURIComponent(upstreamModel)}${endpoint}`;
    return { origin, path: `${path}?api-version=${encodeURIComponent(version)}`, headers };
  },
  classifyFailure: classifyOpenAiFailure,
};
