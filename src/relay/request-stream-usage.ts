import { readTopLevelFields } from './top-level-json-field.js';

export interface PreparedBody {
  body: Buffer;
  /** Stream events to hold back from the caller (they were asked for by Gatehouse, not by it). */
  dropEvent?: (event: string) => boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The final Chat Completions chunk that carries only usage: `choices` is empty. */
function isUsageOnlyChunk(event: string): boolean {
  return event.includes('"choices":[]') && event.includes('"usage":{');
}

/**
 * OpenAI-family upstreams report a stream's usage only when asked (`stream_options.include_usage`),
 * and Gatehouse must record every request's tokens. When a streaming caller did not ask, the option
 * is added (the one other field, besides a model rename, that Gatehouse changes in a pass-through body)
 * and the usage chunk is held back from that caller, who did not expect a chunk without choices.
 */
export function requestStreamUsage(body: Buffer): PreparedBody {
  const fields = readTopLevelFields(body, ['stream', 'stream_options']);
  if (fields?.stream !== true) return { body };
  const options = fields.stream_options;
  if (isRecord(options) && options.include_usage === true) return { body };
  const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  parsed.stream_options = { ...(isRecord(options) ? options : {}), include_usage: true };
  return { body: Buffer.from(JSON.stringify(parsed)), dropEvent: isUsageOnlyChunk };
}
