/**
 * One server-sent event after framing (eventsource-parser's output) and before serialisation. Stream
 * translators take and give these, so byte-level concerns (split chunks, CRLF, comments) stay in the
 * SSE layer and translators only see whole events.
 */
export interface SseEvent {
  event?: string;
  data: string;
}

export function formatSseEvent(event: SseEvent): string {
  const name = event.event === undefined ? '' : `event: ${event.event}\n`;
  const data = event.data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n');
  return `${name}${data}\n\n`;
}

/** Parses an event's JSON payload; `undefined` for malformed data, which upstream decoders skip. */
export function parseSseJson(event: SseEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    return undefined;
  }
}

/** The stream translator shape every dialect's decoder and encoder follows. */
export interface StreamStep<In, Out> {
  push(input: In): Out[];
  /** Closes whatever the input left open (a block never stopped, a missing terminal event). */
  end(): Out[];
}
