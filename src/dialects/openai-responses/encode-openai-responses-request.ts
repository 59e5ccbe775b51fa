import type { CanonicalRequest } from '../../canonical/canonical-request.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { encodeOpenAiEffort } from '../openai-chat/encode-openai-chat-request.js';
import { encodeResponsesItems } from './openai-responses-items.js';

type Wire = Record<string, unknown>;

/**
 * `store: false` keeps conversations out of OpenAI's storage, as Codex CLI does; reasoning then
 * survives between turns only as `encrypted_content`, so it is always requested when reasoning is on.
 */
export function encodeOpenAiResponsesRequest(
  request: CanonicalRequest,
): Translated<Wire & { model: string; input: Wire[] }> {
  const sink = new WarningSink();
  const body: Wire & { model: string; input: Wire[] } = {
    model: request.model,
    input: encodeResponsesItems(request.messages, sink),
    store: false,
  };
  if (request.system.length > 0) body.instructions = request.system.map((p) => p.text).join('\n\n');
  if (request.tools.length > 0)
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      parameters: tool.inputSchema,
      // Responses defaults `strict` to true, which rejects most hand-written schemas; keep the caller's intent.
      strict: tool.strict ?? false,
    }));
  const choice = request.toolChoice;
  if (choice)
    body.tool_choice = choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) sink.dropped('top_k', 'OpenAI has no top_k');
  if (request.stopSequences?.length)
    sink.dropped('stop_sequences', 'the Responses API has no stop sequences');
  const effort = encodeOpenAiEffort(request.reasoning, sink);
  if (effort)
    Object.assign(body, { reasoning: { effort, summary: 'auto' }, include: ['reasoning.encrypted_content'] });
  const format = encodeFormat(request);
  if (format) body.text = { format };
  if (request.userId !== undefined) body.user = request.userId;
  if (request.stream) body.stream = true;
  return sink.wrap(body);
}

function encodeFormat(request: CanonicalRequest): Wire | undefined {
  const format = request.responseFormat;
  if (format === undefined) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json') return { type: 'json_object' };
  return {
    type: 'json_schema',
    name: format.name ?? 'response',
    schema: format.schema,
    ...(format.description !== undefined && { description: format.description }),
    ...(format.strict !== undefined && { strict: format.strict }),
  };
}
