// Helpers for the mock's own tests: raw HTTP calls and SSE decoding with eventsource-parser (never a
// split('\n') of network chunks).
import { createParser } from 'eventsource-parser';
import type { MockUpstream } from './mock-anthropic.js';

export interface DecodedSseEvent {
  event: string | undefined;
  data: Record<string, unknown>;
}

export function decodeSse(text: string): DecodedSseEvent[] {
  const events: DecodedSseEvent[] = [];
  const parser = createParser({
    onEvent: (message) => {
      events.push({ event: message.event, data: JSON.parse(message.data) as Record<string, unknown> });
    },
  });
  parser.feed(text);
  return events;
}

export function postJson(
  mock: MockUpstream,
  path: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'mock-key', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

export function userMessage(text: string, extra: Record<string, unknown> = {}) {
  return { model: 'claude-test', max_tokens: 1024, messages: [{ role: 'user', content: text }], ...extra };
}

/** Polls until the condition holds; for waiting on the mock's side of a socket event, never on time. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitUntil: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
