// A finished reply as a Responses API response object (https://platform.openai.com/docs/api-reference/responses/object).
// Output items come in the order the API produces them: reasoning, message, function_call. Request
// settings (instructions, tools, reasoning, store, …) are echoed back as the API does.
import type { ConversationView, JsonObject } from './parse-request.js';
import { isJsonObject } from './parse-request.js';
import type { FinishedReply } from './plan-reply.js';
import { toResponsesUsage } from './token-counting.js';
import type { ResponseObject, ResponseStatus, ResponsesOutputItem } from './types.js';

export interface ResponseIdentity {
  /** `resp_mock_N`; item ids reuse N so one response's items are recognisable. */
  id: string;
  serial: number;
  model: string;
  createdAt: number;
}

/** An opaque blob, shaped like the real Fernet-style token, that a client must send back verbatim. */
export function encryptedReasoning(serial: number): string {
  return `gAAAAAB${Buffer.from(`mock-reasoning-${serial}`).toString('base64')}`;
}

/** The summary is only returned when `reasoning.summary` asks for one (Codex sends `auto`). */
function wantsSummary(body: JsonObject): boolean {
  return isJsonObject(body.reasoning) && typeof body.reasoning.summary === 'string';
}

export function outputItems(
  reply: FinishedReply,
  identity: ResponseIdentity,
  view: ConversationView,
): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = [];
  const { serial } = identity;
  if (reply.reasoning.length > 0) {
    const text = reply.reasoning.join('');
    items.push({
      type: 'reasoning',
      id: `rs_mock_${serial}`,
      summary: wantsSummary(view.body) ? [{ type: 'summary_text', text }] : [],
      ...(view.includeEncryptedReasoning ? { encrypted_content: encryptedReasoning(serial) } : {}),
    });
  }
  if (reply.text.length > 0 || !reply.toolCall) {
    items.push({
      type: 'message',
      id: `msg_mock_${serial}`,
      role: 'assistant',
      status: reply.truncated ? 'incomplete' : 'completed',
      content: [{ type: 'output_text', text: reply.text.join(''), annotations: [], logprobs: [] }],
    });
  }
  if (reply.toolCall) {
    const { callId, name, arguments: args } = reply.toolCall;
    items.push({
      type: 'function_call',
      id: `fc_mock_${serial}`,
      call_id: callId,
      name,
      arguments: args,
      status: 'completed',
    });
  }
  return items;
}

export function buildResponseObject(
  identity: ResponseIdentity,
  view: ConversationView,
  final: { reply: FinishedReply; items: ResponsesOutputItem[] } | undefined,
): ResponseObject {
  const body = view.body;
  const reasoning = isJsonObject(body.reasoning) ? body.reasoning : {};
  let status: ResponseStatus = 'in_progress';
  if (final) status = final.reply.truncated ? 'incomplete' : 'completed';
  return {
    id: identity.id,
    object: 'response',
    created_at: identity.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: Number.isFinite(view.maxOutputTokens) ? view.maxOutputTokens : null,
    model: identity.model,
    output: final?.items ?? [],
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: typeof body.previous_response_id === 'string' ? body.previous_response_id : null,
    reasoning: {
      effort: typeof reasoning.effort === 'string' ? reasoning.effort : null,
      summary: typeof reasoning.summary === 'string' ? reasoning.summary : null,
    },
    store: body.store !== false,
    temperature: typeof body.temperature === 'number' ? body.temperature : 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: Array.isArray(body.tools) ? body.tools : [],
    top_p: typeof body.top_p === 'number' ? body.top_p : 1,
    truncation: 'disabled',
    usage: final ? toResponsesUsage(final.reply.counts) : null,
    user: null,
    metadata: isJsonObject(body.metadata) ? body.metadata : {},
  };
}
