// A finished reply as one JSON message or as the documented event flow
// (https://docs.claude.com/en/api/messages-streaming): message_start (empty content, output_tokens 1),
// per block content_block_start → [ping after the first start] → deltas → content_block_stop, then
// message_delta with stop_reason and the cumulative usage, then message_stop.
import type { FinishedReply } from './reply-limits.js';
import type { PlannedBlock } from './responders.js';
import { splitToolJson } from './responders.js';
import type {
  AnthropicUsage,
  ContentBlockDelta,
  MessageResponse,
  ResponseContentBlock,
  StreamEvent,
} from './types.js';

export interface MessageIdentity {
  id: string;
  model: string;
}

export function buildMessage(
  reply: FinishedReply,
  identity: MessageIdentity,
  usage: AnthropicUsage,
): MessageResponse {
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content: reply.content,
    stop_reason: reply.stopReason,
    stop_sequence: reply.stopSequence,
    usage,
  };
}

/** The block as content_block_start announces it: same type, content still empty. */
function emptyBlock(block: PlannedBlock): ResponseContentBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function blockDeltas(block: PlannedBlock): ContentBlockDelta[] {
  switch (block.type) {
    case 'text':
      return block.pieces.map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [
        ...block.pieces.map((thinking): ContentBlockDelta => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'tool_use':
      return splitToolJson(JSON.stringify(block.input)).map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      }));
  }
}

function blockEvents(block: PlannedBlock, index: number): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'content_block_start', index, content_block: emptyBlock(block) }];
  // The real API sends its first ping right after the first content_block_start.
  if (index === 0) events.push({ type: 'ping' });
  for (const delta of blockDeltas(block)) events.push({ type: 'content_block_delta', index, delta });
  events.push({ type: 'content_block_stop', index });
  return events;
}

export function buildStreamEvents(
  reply: FinishedReply,
  identity: MessageIdentity,
  usage: AnthropicUsage,
): StreamEvent[] {
  const startUsage: AnthropicUsage = { ...usage, output_tokens: 1 };
  const startMessage: MessageResponse = {
    ...buildMessage(reply, identity, startUsage),
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const events: StreamEvent[] = [{ type: 'message_start', message: startMessage }];
  if (reply.blocks.length === 0) events.push({ type: 'ping' });
  reply.blocks.forEach((block, index) => {
    events.push(...blockEvents(block, index));
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
    },
  });
  events.push({ type: 'message_stop' });
  return events;
}

/**
 * A stream that fails part-way: the events up to and including the first content delta, then an
 * `error` event (overloaded_error, as the docs' example shows), and the response ends.
 */
export function withMidStreamError(events: readonly StreamEvent[]): StreamEvent[] {
  const firstDelta = events.findIndex((event) => event.type === 'content_block_delta');
  const head = events.slice(0, firstDelta >= 0 ? firstDelta + 1 : 1);
  return [...head, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }];
}

/** The usage a client has been told after `sent` events: message_start's, or message_delta's final. */
export function usageReportedBy(events: readonly StreamEvent[], sent: number): AnthropicUsage | undefined {
  let reported: AnthropicUsage | undefined;
  for (const event of events.slice(0, sent)) {
    if (event.type === 'message_start') reported = event.message.usage;
    else if (event.type === 'message_delta' && reported) reported = { ...reported, ...event.usage };
  }
  return reported;
}

/** The content deltas sent when the final usage was not (the stream was cut short), else undefined. */
export function contentBeforeCut(events: readonly StreamEvent[], sent: number): string | undefined {
  const delivered = events.slice(0, sent);
  if (delivered.some((event) => event.type === 'message_delta')) return undefined;
  const parts: string[] = [];
  for (const event of delivered) {
    if (event.type !== 'content_block_delta') continue;
    const { delta } = event;
    if (delta.type === 'text_delta') parts.push(delta.text);
    else if (delta.type === 'thinking_delta') parts.push(delta.thinking);
    else if (delta.type === 'input_json_delta') parts.push(delta.partial_json);
  }
  return parts.join('');
}
