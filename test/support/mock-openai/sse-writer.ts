// Writes SSE frames to a response, waiting for 'drain' when the socket is full and stopping as soon as
// the client goes away, so a slow or vanished client never makes the mock buffer without bound.
// Chat Completions frames have no `event:` line and end with `data: [DONE]`; Responses frames name
// their event. Both are the same writer with different frames.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatUsage, ResponsesUsage } from './types.js';

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

export interface SseFrame {
  event?: string;
  data: string;
  /** The usage this frame tells the client, so the recording knows what was reported. */
  usage?: ChatUsage | ResponsesUsage;
}

export function encodeSseFrame(frame: SseFrame): string {
  return `${frame.event === undefined ? '' : `event: ${frame.event}\n`}data: ${frame.data}\n\n`;
}

export interface SseWriteOptions {
  delayMs: number;
  /** Destroy the socket after this many frames, leaving the stream unfinished. */
  breakAfter: number | undefined;
  /** Aborted when the client disconnects or the mock closes. */
  signal: AbortSignal;
  /** Called just before the writer drops the connection on purpose. */
  onBreak: () => void;
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

async function writeFrames(
  response: ServerResponse,
  frames: readonly SseFrame[],
  options: SseWriteOptions,
  result: SseWriteResult,
): Promise<void> {
  for (const frame of frames) {
    if (result.sent > 0 && options.delayMs > 0)
      await sleep(options.delayMs, undefined, { signal: options.signal });
    const chunk = encodeSseFrame(frame);
    const breaksHere = options.breakAfter === result.sent + 1;
    // Before breaking, wait until the last frame is handed to the kernel so the client does see it.
    if (breaksHere) await writeFlushed(response, chunk);
    else if (!response.write(chunk)) await once(response, 'drain', { signal: options.signal });
    result.sent += 1;
    if (breaksHere) {
      result.outcome = 'broken';
      options.onBreak();
      response.socket?.destroy();
      return;
    }
  }
}

/** Sends the head and the frames; ends the response unless broken or aborted. */
export async function writeSseStream(
  response: ServerResponse,
  headers: Record<string, string>,
  frames: readonly SseFrame[],
  options: SseWriteOptions,
): Promise<SseWriteResult> {
  response.writeHead(200, { ...headers, 'content-type': SSE_CONTENT_TYPE, 'cache-control': 'no-cache' });
  const result: SseWriteResult = { sent: 0, outcome: 'completed' };
  if (options.breakAfter === 0) {
    response.flushHeaders();
    options.onBreak();
    // end() rather than destroy(): the head must still reach the client before the connection drops.
    response.socket?.end();
    result.outcome = 'broken';
    return result;
  }
  try {
    await writeFrames(response, frames, options, result);
  } catch (error) {
    if (!options.signal.aborted) throw error;
  }
  if (result.outcome === 'broken') return result;
  if (options.signal.aborted) result.outcome = 'aborted';
  else response.end();
  return result;
}

/** The usage a client has been told after `sent` frames. */
export function usageReportedBy(
  frames: readonly SseFrame[],
  sent: number,
): ChatUsage | ResponsesUsage | undefined {
  return frames
    .slice(0, sent)
    .map((frame) => frame.usage)
    .findLast((usage) => usage !== undefined);
}
