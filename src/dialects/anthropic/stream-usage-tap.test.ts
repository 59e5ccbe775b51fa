import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamUsageTap } from './stream-usage-tap.js';

const fixture = readFileSync(new URL('./__fixtures__/anthropic-tool-use-with-cache.sse', import.meta.url));
const expected = {
  inputTokens: 472,
  outputTokens: 89,
  cacheReadTokens: 10240,
  cacheWriteTokens: 2048,
  cacheWrite1hTokens: 1024,
  model: 'claude-sonnet-4-5-20250929',
  messageId: 'msg_01ToolCache',
  completed: true,
  errorType: undefined,
  estimated: false,
};

function tapChunks(chunks: Uint8Array[]) {
  const tap = new AnthropicStreamUsageTap();
  for (const chunk of chunks) tap.push(chunk);
  return tap.end();
}

function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

describe('Anthropic stream usage tap', () => {
  it('reads usage from one whole chunk', () => {
    expect(tapChunks([fixture])).toEqual(expected);
  });

  it.each([1, 2, 3, 7, 64, 333])(
    'reads the same usage from chunks of %i bytes (splits mid-UTF-8 too)',
    (size) => {
      expect(tapChunks(splitEvery(fixture, size))).toEqual(expected);
    },
  );

  it('reads the same usage with CRLF line endings and comments', () => {
    const crlf = Buffer.from(`: keep-alive comment\r\n\r\n${fixture.toString().replaceAll('\n', '\r\n')}`);
    expect(tapChunks(splitEvery(crlf, 5))).toEqual(expected);
  });

  it('leaves completed false when the stream breaks before message_stop', () => {
    const cut = fixture.subarray(0, fixture.indexOf('event: message_delta'));
    const usage = tapChunks([cut]);
    expect(usage.completed).toBe(false);
    expect(usage.inputTokens).toBe(472);
    expect(usage.outputTokens).toBe(2);
  });

  it('records an error event', () => {
    const text =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"x","usage":{"input_tokens":5,"output_tokens":1}}}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const usage = tapChunks([Buffer.from(text)]);
    expect(usage.errorType).toBe('overloaded_error');
    expect(usage.completed).toBe(false);
    expect(usage.inputTokens).toBe(5);
  });

  it('ignores malformed data lines instead of throwing', () => {
    const usage = tapChunks([Buffer.from('event: message_delta\ndata: {not json\n\n')]);
    expect(usage.outputTokens).toBe(0);
  });
});
