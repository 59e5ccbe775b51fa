// A finished reply as the Responses API's event stream
// (https://platform.openai.com/docs/api-reference/responses-streaming): response.created and
// response.in_progress with the response still empty; per output item output_item.added → its own
// events → output_item.done; then response.completed (or response.incomplete when the output budget
// ran out) carrying the whole response and its usage. Every event has a `sequence_number` from 0.
//   reasoning:     reasoning_summary_part.added → reasoning_summary_text.delta… → .done → summary_part.done
//   message:       content_part.added → output_text.delta… → output_text.done → content_part.done
//   function_call: function_call_arguments.delta… → function_call_arguments.done
import { splitToolJson } from '../mock-upstream/responders.js';
import type { ConversationView } from './parse-request.js';
import type { FinishedReply } from './plan-reply.js';
import { buildResponseObject, outputItems, type ResponseIdentity } from './response-object.js';
import type { SseFrame } from './sse-writer.js';
import type { ResponsesOutputItem, ResponsesStreamEvent } from './types.js';

type EventBody = Record<string, unknown>;
type Emit = (type: string, body: EventBody) => void;

function inProgress(item: ResponsesOutputItem): ResponsesOutputItem {
  switch (item.type) {
    case 'message':
      return { ...item, status: 'in_progress', content: [] };
    case 'function_call':
      return { ...item, arguments: '', status: 'in_progress' };
    case 'reasoning': {
      const { encrypted_content: _hidden, ...rest } = item;
      return { ...rest, summary: [] };
    }
  }
}

function reasoningEvents(
  emit: Emit,
  item_id: string,
  output_index: number,
  reply: FinishedReply,
  summarised: boolean,
) {
  if (!summarised) return;
  const where = { item_id, output_index, summary_index: 0 };
  const text = reply.reasoning.join('');
  emit('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
  for (const delta of reply.reasoning)
    emit('response.reasoning_summary_text.delta', { ...where, delta, obfuscation: 'mock' });
  emit('response.reasoning_summary_text.done', { ...where, text });
  emit('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text } });
}

function messageEvents(emit: Emit, item_id: string, output_index: number, reply: FinishedReply) {
  const where = { item_id, output_index, content_index: 0 };
  const text = reply.text.join('');
  emit('response.content_part.added', {
    ...where,
    part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
  });
  for (const delta of reply.text)
    emit('response.output_text.delta', { ...where, delta, logprobs: [], obfuscation: 'mock' });
  emit('response.output_text.done', { ...where, text, logprobs: [] });
  emit('response.content_part.done', {
    ...where,
    part: { type: 'output_text', text, annotations: [], logprobs: [] },
  });
}

function itemEvents(emit: Emit, item: ResponsesOutputItem, output_index: number, reply: FinishedReply) {
  emit('response.output_item.added', { output_index, item: inProgress(item) });
  switch (item.type) {
    case 'reasoning':
      reasoningEvents(emit, item.id, output_index, reply, item.summary.length > 0);
      break;
    case 'message':
      messageEvents(emit, item.id, output_index, reply);
      break;
    case 'function_call':
      for (const delta of splitToolJson(item.arguments).slice(1)) {
        emit('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index,
          delta,
          obfuscation: 'mock',
        });
      }
      emit('response.function_call_arguments.done', {
        item_id: item.id,
        output_index,
        name: item.name,
        arguments: item.arguments,
      });
      break;
  }
  emit('response.output_item.done', { output_index, item });
}

export function buildResponsesFrames(
  reply: FinishedReply,
  identity: ResponseIdentity,
  view: ConversationView,
): SseFrame[] {
  const frames: SseFrame[] = [];
  const emit = (type: string, body: EventBody, usage?: SseFrame['usage']) => {
    const event: ResponsesStreamEvent = { type, sequence_number: frames.length, ...body };
    frames.push({ event: type, data: JSON.stringify(event), ...(usage ? { usage } : {}) });
  };
  const items = outputItems(reply, identity, view);
  const started = buildResponseObject(identity, view, undefined);
  emit('response.created', { response: started });
  emit('response.in_progress', { response: started });
  items.forEach((item, index) => {
    itemEvents(emit, item, index, reply);
  });
  const final = buildResponseObject(identity, view, { reply, items });
  emit(
    reply.truncated ? 'response.incomplete' : 'response.completed',
    { response: final },
    final.usage ?? undefined,
  );
  return frames;
}
