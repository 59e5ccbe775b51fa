// The request shapes measured: small and Claude Code-sized bodies, each as JSON and as a stream, plus
// one OpenAI Chat Completions stream that Gatehouse must translate for its Anthropic account.
import { BENCH_MODEL, claudeCodeBody, smallBody } from './claude-code-body.js';
import type { RequestShape } from './load-protocol.js';
import type { Target, TargetName } from './targets.js';

/** The API the client speaks: it decides the credentials header and what a good answer looks like. */
export type ClientDialect = 'anthropic' | 'openai-chat';

export interface Workload {
  name: string;
  stream: boolean;
  path: string;
  body: string;
  dialect: ClientDialect;
  /** Headers the client sends besides credentials and content type. */
  headers: Record<string, string>;
  /** The only targets that can serve this workload; every target when absent. */
  targets?: readonly TargetName[];
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

/** The pass-through stream and its cross-format twin: same upstream answer, so the same events. */
export const PASS_THROUGH_WORKLOAD = 'SSE 300 B';
export const CROSS_FORMAT_WORKLOAD = 'SSE 300 B, OpenAI client → Anthropic account';

/** A small streaming Chat Completions request; Gatehouse's account for BENCH_MODEL is Anthropic. */
function crossFormatBody(): string {
  return JSON.stringify({
    model: BENCH_MODEL,
    stream: true,
    max_tokens: 64,
    messages: [{ role: 'user', content: 'hello' }],
  });
}

export function buildWorkloads(): Workload[] {
  const anthropic = { dialect: 'anthropic' as const };
  return [
    {
      ...anthropic,
      name: 'JSON 300 B',
      stream: false,
      path: '/v1/messages',
      body: smallBody(false),
      headers: {},
    },
    {
      ...anthropic,
      name: PASS_THROUGH_WORKLOAD,
      stream: true,
      path: '/v1/messages',
      body: smallBody(true),
      headers: {},
    },
    {
      ...anthropic,
      name: 'JSON 100 KB',
      stream: false,
      path: CLAUDE_CODE_PATH,
      body: claudeCodeBody(false),
      headers: CLAUDE_CODE_HEADERS,
    },
    {
      ...anthropic,
      name: 'SSE 100 KB',
      stream: true,
      path: CLAUDE_CODE_PATH,
      body: claudeCodeBody(true),
      headers: CLAUDE_CODE_HEADERS,
    },
    {
      name: CROSS_FORMAT_WORKLOAD,
      stream: true,
      path: '/v1/chat/completions',
      body: crossFormatBody(),
      dialect: 'openai-chat',
      headers: {},
      // Neither the mock nor the bare proxy speaks Chat Completions.
      targets: ['gatehouse'],
    },
  ];
}

/** Whether a workload is measured on a target. */
export function servesWorkload(workload: Workload, target: TargetName): boolean {
  return workload.targets === undefined || workload.targets.includes(target);
}

/** The targets, of those given, that a workload is measured on. */
export function targetsFor<T extends { name: TargetName }>(workload: Workload, targets: readonly T[]): T[] {
  return targets.filter((target) => servesWorkload(workload, target.name));
}

/** The exact request a target gets for a workload. */
export function requestShape(workload: Workload, target: Target): RequestShape {
  // OpenAI SDKs send the key as a bearer token and no anthropic-version.
  const credentials: Record<string, string> =
    workload.dialect === 'openai-chat'
      ? { authorization: `Bearer ${target.apiKey}` }
      : { 'x-api-key': target.apiKey, 'anthropic-version': '2023-06-01' };
  return {
    origin: target.origin,
    path: workload.path,
    headers: { ...workload.headers, ...credentials, 'content-type': 'application/json' },
    body: workload.body,
  };
}
