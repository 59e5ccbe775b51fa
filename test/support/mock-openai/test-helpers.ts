// Helpers for the mock's own tests: an SDK client bound to a mock, raw HTTP calls, SSE decoding with
// eventsource-parser (never a split('\n') of network chunks) and a socket-event wait.
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import type { MockOpenAi } from './mock-openai.js';

/** Retries off: a retried request would hide what the mock answered the first time. */
export function clientFor(mock: MockOpenAi, apiKey = 'mock-openai-key'): OpenAI {
  return new OpenAI({ apiKey, baseURL: mock.url, maxRetries: 0 });
}

export interface DecodedSseEvent {
  event: string | undefined;
  data: string;
}

export function decodeSse(text: string): DecodedSseEvent[] {
  const events: DecodedSseEvent[] = [];
  const parser = createParser({
    onEvent: (message) => events.push({ event: message.event, data: message.data }),
  });
  parser.feed(text);
  return events;
}

export function postJson(
  mock: MockOpenAi,
  path: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${mock.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer mock-openai-key', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** Polls until the condition holds; for waiting on the mock's side of a socket event, never on time. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitUntil: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const tokensOf = (value: unknown) => Math.ceil(Buffer.byteLength(JSON.stringify(value)) / 4);
