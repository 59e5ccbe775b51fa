import { readFileSync } from 'node:fs';
import { formatSseEvent, type SseEvent } from '../canonical/sse-event.js';
import type { Dialect } from './dialect.js';
import { createSseEventReader } from './parse-sse-chunks.js';
import { createStreamTranslator } from './translate.js';

/** Test helpers shared by the translation tests: fixtures, chunking, and running a stream translator. */
export const fixedClock = { created: 1_700_000_000, includeUsage: true };

export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString('utf8'));
}

export function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

export function readSseEvents(chunks: Uint8Array[]): SseEvent[] {
  const reader = createSseEventReader();
  return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
}

/** Feeds chunks through reader and translator; returns the client-facing SSE text. */
export function translateStreamChunks(from: Dialect, to: Dialect, chunks: Uint8Array[]): string {
  const translator = createStreamTranslator(from, to, fixedClock);
  const reader = createSseEventReader();
  const out: SseEvent[] = [];
  for (const chunk of chunks) for (const event of reader.push(chunk)) out.push(...translator.push(event));
  for (const event of reader.end()) out.push(...translator.push(event));
  out.push(...translator.end());
  return out.map(formatSseEvent).join('');
}

export const streamFixtures: Record<Dialect, string[]> = {
  anthropic: ['anthropic-thinking.sse', 'anthropic-tool-use.sse'],
  'openai-chat': ['openai-chat-tool-calls.sse'],
  'openai-responses': ['openai-responses-function-call.sse'],
};
