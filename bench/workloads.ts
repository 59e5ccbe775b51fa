// The request shapes measured: small and Claude Code-sized bodies, each as JSON and as a stream.
import { claudeCodeBody, smallBody } from './claude-code-body.js';
import type { RequestShape } from './load-protocol.js';
import type { Target } from './targets.js';

export interface Workload {
  name: string;
  stream: boolean;
  path: string;
  body: string;
  /** Headers the client sends besides credentials and content type. */
  headers: Record<string, string>;
}

// What Claude Code 2.1 sends besides the body (SPEC §2); a gateway must carry these along.
const CLAUDE_CODE_HEADERS = {
  'anthropic-beta':
    'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14',
  'x-app': 'cli',
  'user-agent': 'claude-cli/2.1.0 (external, cli)',
  'x-claude-code-session-id': '8d0f1c2e-7b4a-4c8e-9f3d-2a6b5c4d3e2f',
};

// Claude Code calls the messages route with this query string (SPEC §2).
const CLAUDE_CODE_PATH = '/v1/messages?beta=true';

export function buildWorkloads(): Workload[] {
  return [
    { name: 'JSON 300 B', stream: false, path: '/v1/messages', body: smallBody(false), headers: {} },
    { name: 'SSE 300 B', stream: true, path: '/v1/messages', body: smallBody(true), headers: {} },
    {
      name: 'JSON 100 KB',
      stream: false,
      path: CLAUDE_CODE_PATH,
      body: claudeCodeBody(false),
      headers: CLAUDE_CODE_HEADERS,
    },
    {
      name: 'SSE 100 KB',
      stream: true,
      path: CLAUDE_CODE_PATH,
      body: claudeCodeBody(true),
      headers: CLAUDE_CODE_HEADERS,
    },
  ];
}

/** The exact request a target gets for a workload. */
export function requestShape(workload: Workload, target: Target): RequestShape {
  return {
    origin: target.origin,
    path: workload.path,
    headers: {
      ...workload.headers,
      'x-api-key': target.apiKey,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: workload.body,
  };
}
