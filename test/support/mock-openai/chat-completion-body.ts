// A finished reply as a Chat Completions JSON body or as its chunk stream
// (https://platform.openai.com/docs/api-reference/chat-streaming): a first chunk with the role (and,
// for a tool call, the call's id and name with empty arguments), content or argument fragments, a
// chunk with finish_reason and an empty delta, then — only with `stream_options.include_usage` — a
// usage chunk with `choices: []`, then `data: [DONE]`. With include_usage every earlier chunk carries
// `usage: null`, as the API sends it.
import { splitToolJson } from '../mock-upstream/responders.js';
import type { ConversationView } from './parse-request.js';
import type { FinishedReply } from './plan-reply.js';
import type { SseFrame } from './sse-writer.js';
import { toChatUsage } from './token-counting.js';
import type { ChatChunkDelta, ChatCompletion, ChatCompletionChunk, ChatFinishReason } from './types.js';

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

const SYSTEM_FINGERPRINT = 'fp_mock0001';

// Azure runs content filters and reports them in every answer; its stream opens with a chunk that
// has empty `choices` and an empty `id`, which a gateway must not take for the usage chunk.
const SAFE = { filtered: false, severity: 'safe' };
const CONTENT_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
const PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: CONTENT_FILTER_RESULTS }];

function finishReason(reply: FinishedReply): ChatFinishReason {
  if (reply.truncated) return 'length';
  return reply.toolCall ? 'tool_calls' : 'stop';
}

export function buildChatCompletion(reply: FinishedReply, identity: CompletionIdentity, azure: boolean) {
  const text = reply.text.join('');
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content: reply.toolCall && text === '' ? null : text,
    refusal: null,
    annotations: [],
  };
  if (reply.toolCall) {
    const { callId, name, arguments: args } = reply.toolCall;
    message.tool_calls = [{ id: callId, type: 'function', function: { name, arguments: args } }];
  }
  const completion: ChatCompletion = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, finish_reason: finishReason(reply), logprobs: null }],
    usage: toChatUsage(reply.counts),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  if (!azure) return completion;
  return {
    ...completion,
    prompt_filter_results: PROMPT_FILTER_RESULTS,
    choices: completion.choices.map((choice) => ({
      ...choice,
      content_filter_results: CONTENT_FILTER_RESULTS,
    })),
  };
}

function firstDelta(reply: FinishedReply): ChatChunkDelta {
  if (!reply.toolCall) return { role: 'assistant', content: '', refusal: null };
  const { callId, name } = reply.toolCall;
  return {
    role: 'assistant',
    content: null,
    tool_calls: [{ index: 0, id: callId, type: 'function', function: { name, arguments: '' } }],
    refusal: null,
  };
}

function chunkDeltas(reply: FinishedReply): ChatChunkDelta[] {
  const deltas = [firstDelta(reply), ...reply.text.map((content): ChatChunkDelta => ({ content }))];
  if (reply.toolCall) {
    // splitToolJson's leading empty piece is already sent in the first chunk.
    const fragments = splitToolJson(reply.toolCall.arguments).slice(1);
    for (const fragment of fragments)
      deltas.push({ tool_calls: [{ index: 0, function: { arguments: fragment } }] });
  }
  return deltas;
}

export function buildChatChunkFrames(
  reply: FinishedReply,
  identity: CompletionIdentity,
  view: ConversationView,
  azure: boolean,
): SseFrame[] {
  const base = {
    id: identity.id,
    object: 'chat.completion.chunk' as const,
    created: identity.created,
    model: identity.model,
    service_tier: 'default' as const,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const usageField = view.includeUsage ? { usage: null } : {};
  // Real obfuscation is random padding that hides the payload length; a fixed value keeps runs equal.
  const obfuscation = view.includeObfuscation ? { obfuscation: 'mock' } : {};
  const chunk = (delta: ChatChunkDelta, reason: ChatFinishReason | null): ChatCompletionChunk => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: reason, logprobs: null }],
    ...usageField,
    ...obfuscation,
  });
  const frames: SseFrame[] = [];
  if (azure) {
    const filterChunk = {
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: PROMPT_FILTER_RESULTS,
    };
    frames.push({ data: JSON.stringify(filterChunk) });
  }
  for (const delta of chunkDeltas(reply)) frames.push({ data: JSON.stringify(chunk(delta, null)) });
  frames.push({ data: JSON.stringify(chunk({}, finishReason(reply))) });
  if (view.includeUsage) {
    const usage = toChatUsage(reply.counts);
    frames.push({ data: JSON.stringify({ ...base, choices: [], usage, ...obfuscation }), usage });
  }
  frames.push({ data: '[DONE]' });
  return frames;
}
