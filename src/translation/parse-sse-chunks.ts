import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../canonical/sse-event.js';

/**
 * Bytes → SSE events, for chunks split anywhere (mid-line, mid-UTF-8 character, CRLF, comments):
 * a streaming TextDecoder feeds eventsource-parser, which frames events. Returns a push/end pair so
 * callers feed network chunks as they come.
 */
export function createSseEventReader(): { push(chunk: Uint8Array): SseEvent[]; end(): SseEvent[] } {
  const decoder = new TextDecoder();
  let pending: SseEvent[] = [];
  const parser = createParser({
    onEvent: (message) => {
      pending.push(
        message.event === undefined ? { data: message.data } : { event: message.event, data: message.data },
      );
    },
  });
  const drain = () => {
    const out = pending;
    pending = [];
    return out;
  };
  return {
    push(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      return drain();
    },
    end() {
      parser.feed(`${decoder.decode()}\n\n`);
      return drain();
    },
  };
}
