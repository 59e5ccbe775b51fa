// Writes stream events to a response as SSE (`event: <type>\ndata: <json>\n\n`), waiting for 'drain'
// when the socket is full and stopping as soon as the client goes away, so a slow or vanished client
// never makes the mock buffer without bound.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamEvent } from './types.js';

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

export function encodeSseEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface SseWriteOptions {
  delayMs: number;
  /** Destroy the socket after this many events, leaving the stream unfinished. */
  breakAfter?: number;
  /** Aborted when the client disconnects or the mock closes. */
  signal: AbortSignal;
  /** Called just before the writer drops the connection on purpose. */
  onBreak?: () => void;
}

export interface SseWriteResult {
  sent: number;
  outcome: 'completed' | 'aborted' | 'broken';
}

function writeFlushed(response: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    response.write(chunk, () => resolve());
  });
}

async function writeWithBackpressure(
  response: ServerResponse,
  chunk: string,
  signal: AbortSignal,
): Promise<void> {
  if (!response.write(chunk)) await once(response, 'drain', { signal });
}

async function writeEvents(
  response: ServerResponse,
  events: readonly StreamEvent[],
  options: SseWriteOptions,
  result: SseWriteResult,
): Promise<void> {
  for (const event of events) {
    if (result.sent > 0 && options.delayMs > 0)
      await sleep(options.delayMs, undefined, { signal: options.signal });
    const chunk = encodeSseEvent(event);
    const breaksHere = options.breakAfter === result.sent + 1;
    // Before breaking, wait until the last event is handed to the kernel so the client does see it.
    if (breaksHere) await writeFlushed(response, chunk);
    else await writeWithBackpressure(response, chunk, options.signal);
    result.sent += 1;
    if (breaksHere) {
      result.outcome = 'broken';
      options.onBreak?.();
      response.socket?.destroy();
      return;
    }
  }
}

/** Sends the head and the events; ends the response unless broken or aborted. */
export async function writeSseStream(
  response: ServerResponse,
  headers: Record<string, string>,
  events: readonly StreamEvent[],
  options: SseWriteOptions,
): Promise<SseWriteResult> {
  response.writeHead(200, { ...headers, 'content-type': SSE_CONTENT_TYPE, 'cache-control': 'no-cache' });
  const result: SseWriteResult = { sent: 0, outcome: 'completed' };
  if (options.breakAfter === 0) {
    response.flushHeaders();
    options.onBreak?.();
    // end() rather than destroy(): the head must still reach the client before the connection drops.
    response.socket?.end();
    result.outcome = 'broken';
    return result;
  }
  try {
    await writeEvents(response, events, options, result);
  } catch (error) {
    if (!options.signal.aborted) throw error;
  }
  if (result.outcome === 'broken') return result;
  if (options.signal.aborted) result.outcome = 'aborted';
  else response.end();
  return result;
}
