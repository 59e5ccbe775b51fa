/**
 * Ready-to-paste client configurations, as README's "Point your tools at Gatehouse" documents them,
 * filled in with this server's origin and (when known) the key.
 */
export type ClientId = 'claude-code' | 'codex' | 'anthropic-sdk' | 'openai-sdk' | 'curl';

export interface Snippet {
  title: string;
  language: string;
  code: string;
}

export const clientIds: readonly ClientId[] = ['claude-code', 'codex', 'anthropic-sdk', 'openai-sdk', 'curl'];

export function snippetsFor(client: ClientId, origin: string, key = 'sk-gate-…'): Snippet[] {
  switch (client) {
    case 'claude-code':
      return [
        {
          title: 'shell',
          language: 'sh',
          code: `export ANTHROPIC_BASE_URL=${origin}\nexport ANTHROPIC_AUTH_TOKEN=${key}\nclaude`,
        },
        {
          title: '~/.claude/settings.json',
          language: 'json',
          code: JSON.stringify({ env: { ANTHROPIC_BASE_URL: origin, ANTHROPIC_AUTH_TOKEN: key } }, null, 2),
        },
      ];
    case 'codex':
      return [
        {
          title: '~/.codex/config.toml',
          language: 'toml',
          code: [
            'model = "gpt-5"',
            'model_provider = "gatehouse"',
            '',
            '[model_providers.gatehouse]',
            'name = "Gatehouse"',
            `base_url = "${origin}/v1"`,
            'wire_api = "responses"',
            'env_key = "GATEHOUSE_API_KEY"',
          ].join('\n'),
        },
        { title: 'shell', language: 'sh', code: `export GATEHOUSE_API_KEY=${key}\ncodex` },
      ];
    case 'anthropic-sdk':
      return [
        {
          title: 'TypeScript',
          language: 'ts',
          code: `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({\n  apiKey: '${key}',\n  baseURL: '${origin}',\n});`,
        },
        {
          title: 'Python',
          language: 'python',
          code: `import anthropic\n\nclient = anthropic.Anthropic(\n    api_key="${key}",\n    base_url="${origin}",\n)`,
        },
      ];
    case 'openai-sdk':
      return [
        {
          title: 'TypeScript',
          language: 'ts',
          code: `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  apiKey: '${key}',\n  baseURL: '${origin}/v1',\n});`,
        },
        {
          title: 'Python',
          language: 'python',
          code: `from openai import OpenAI\n\nclient = OpenAI(\n    api_key="${key}",\n    base_url="${origin}/v1",\n)`,
        },
      ];
    case 'curl':
      return [
        {
          title: 'Anthropic Messages',
          language: 'sh',
          code: `curl ${origin}/v1/messages \\\n  -H "x-api-key: ${key}" \\\n  -H "anthropic-version: 2023-06-01" \\\n  -H "content-type: application/json" \\\n  -d '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`,
        },
        {
          title: 'OpenAI Chat Completions',
          language: 'sh',
          code: `curl ${origin}/v1/chat/completions \\\n  -H "authorization: Bearer ${key}" \\\n  -H "content-type: application/json" \\\n  -d '{"model":"gpt-5","messages":[{"role":"user","content":"Hello"}]}'`,
        },
      ];
  }
}
