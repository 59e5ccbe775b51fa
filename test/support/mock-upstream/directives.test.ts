import { describe, expect, it } from 'vitest';
import { scenarioFromRequest } from './directives.js';
import { type MessagesRequest, parseMessagesRequest } from './messages-request.js';
import type { Scenario } from './types.js';

function requestWith(messages: unknown[], tools: unknown[] = []): MessagesRequest {
  const parsed = parseMessagesRequest({ model: 'm', max_tokens: 10, messages, tools }, true);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

const user = (content: unknown) => ({ role: 'user', content });

describe('scenarioFromRequest', () => {
  it.each<[string, string, Scenario]>([
    ['no directive', 'hello', { kind: 'text' }],
    ['echo', 'x mock:echo y', { kind: 'echo' }],
    ['bash', 'mock:bash git status --short', { kind: 'bash', command: 'git status --short' }],
    ['tool', 'mock:tool Read {"path":"/a b"}', { kind: 'tool', name: 'Read', input: { path: '/a b' } }],
    ['think', 'mock:think', { kind: 'think' }],
    ['long', 'mock:long 12', { kind: 'long', deltas: 12 }],
    [
      'error with message',
      'mock:error 503 down for a bit',
      { kind: 'error', status: 503, message: 'down for a bit' },
    ],
    ['error without message', 'mock:error 529', { kind: 'error', status: 529 }],
    ['break', 'mock:break 4', { kind: 'break', afterEvents: 4 }],
    ['slow alone', 'mock:slow 30', { kind: 'text', delayMs: 30 }],
    ['slow with long on one line', 'mock:slow 30 mock:long 3', { kind: 'long', deltas: 3, delayMs: 30 }],
    [
      'bad count',
      'mock:long lots',
      { kind: 'error', status: 400, message: 'mock:long needs a non-negative integer' },
    ],
    [
      'bad tool json',
      'mock:tool Read {nope',
      { kind: 'error', status: 400, message: 'mock:tool needs a tool name and a JSON object' },
    ],
  ])('%s', (_name, text, expected) => {
    expect(scenarioFromRequest(requestWith([user(text)]))).toEqual(expected);
  });

  it('reads only the last user message, text blocks included', () => {
    const request = requestWith([
      user('mock:error 500'),
      { role: 'assistant', content: 'ok' },
      user([
        { type: 'text', text: '<system-reminder>x</system-reminder>' },
        { type: 'text', text: 'mock:echo' },
      ]),
    ]);

    expect(scenarioFromRequest(request)).toEqual({ kind: 'echo' });
  });

  it('answers a tool_result with its text when no directive is present', () => {
    const request = requestWith([
      user('mock:bash ls'),
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
      user([{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: ' a.txt\n' }] }]),
    ]);

    expect(scenarioFromRequest(request)).toEqual({ kind: 'text', text: 'Tool result: a.txt' });
  });
});
