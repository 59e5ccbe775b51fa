import type { AnswerHandler } from './answer-handlers.js';

/** How many streamed answers are being relayed right now (the `gatehouse_active_streams` gauge). */
export interface ActiveStreams {
  current: number;
}

/**
 * An answer handler that counts the stream it opens: one increment when the upstream's answer turns
 * out to be a stream, undone by `done()` when the exchange is over, whatever its outcome.
 */
export function countingStreams(
  inner: AnswerHandler,
  streams: ActiveStreams,
): { handler: AnswerHandler; done(): void } {
  let counted = false;
  const handler: AnswerHandler = {
    get streamed() {
      return inner.streamed;
    },
    open(statusCode, headers, response) {
      const sink = inner.open(statusCode, headers, response);
      if (inner.streamed && !counted) {
        counted = true;
        streams.current += 1;
      }
      return sink;
    },
    usage: (complete) => inner.usage(complete),
    relayed: () => inner.relayed(),
  };
  return {
    handler,
    done() {
      if (counted) streams.current -= 1;
      counted = false;
    },
  };
}
