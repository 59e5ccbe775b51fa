import { assertNever } from '../../canonical/assert-never.js';
import type {
  AssistantContentPart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/canonical-content.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalToolChoice,
  ReasoningEffort,
} from '../../canonical/canonical-request.js';
import { mediaSourceToUrl, toDataUrl } from '../../canonical/data-url.js';
import { effortForBudget } from '../../canonical/reasoning-effort.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';

type Wire = Record<string, unknown>;

export function encodeOpenAiChatRequest(
  request: CanonicalRequest,
): Translated<Wire & { model: string; messages: Wire[] }> {
  const sink = new WarningSink();
  const messages: Wire[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: textContent(request.system) });
  request.messages.forEach((message, index) => {
    messages.push(...encodeMessage(message, sink, `messages[${index}]`));
  });
  const body: Wire & { model: string; messages: Wire[] } = { model: request.model, messages };
  if (request.tools.length > 0)
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.inputSchema,
        ...(tool.strict !== undefined && { strict: tool.strict }),
      },
    }));
  if (request.toolChoice) body.tool_choice = encodeOpenAiChatToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  // `max_tokens` is deprecated and rejected by reasoning models (OpenAI API reference).
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) sink.dropped('top_k', 'OpenAI has no top_k');
  if (request.stopSequences?.length) body.stop = request.stopSequences;
  const effort = encodeOpenAiEffort(request.reasoning, sink);
  if (effort) body.reasoning_effort = effort;
  const format = encodeResponseFormat(request);
  if (format) body.response_format = format;
  if (request.userId !== undefined) body.user = request.userId;
  // Usage arrives only in a final chunk, and only when asked for (stream_options.include_usage).
  if (request.stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  return sink.wrap(body);
}

/** One text part travels as a plain string, which every OpenAI-compatible server accepts. */
function textContent(parts: TextPart[]): string | Wire[] {
  if (parts.length === 1 && parts[0]) return parts[0].text;
  return parts.map((p) => ({ type: 'text', text: p.text }));
}

function encodeMessage(message: CanonicalMessage, sink: WarningSink, path: string): Wire[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'system', content: textContent(message.content) }];
    case 'user':
      return [{ role: 'user', content: encodeUserContent(message.content, sink, path) }];
    case 'assistant':
      return [encodeAssistant(message.content, sink, path)];
    case 'tool':
      return message.content.map((result, i) => encodeToolResult(result, sink, `${path}.content[${i}]`));
    default:
      return assertNever(message);
  }
}

function encodeUserContent(parts: UserContentPart[], sink: WarningSink, path: string): string | Wire[] {
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.flatMap<Wire>((part, i) => encodeUserPart(part, sink, `${path}.content[${i}]`) ?? []);
}

export function encodeUserPart(part: UserContentPart, sink: WarningSink, path: string): Wire | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return { type: 'image_url', image_url: { url: mediaSourceToUrl(part.source) } };
    case 'document': {
      const source = part.source;
      if (source.kind === 'text') {
        sink.approximated(path, 'plain-text document sent as a text part');
        return { type: 'text', text: source.data };
      }
      if (source.kind === 'url') {
        sink.dropped(path, 'Chat Completions file parts cannot reference a URL');
        return undefined;
      }
      const filename = part.filename ?? part.title ?? 'document.pdf';
      return { type: 'file', file: { filename, file_data: toDataUrl(source.mediaType, source.data) } };
    }
    default:
      return assertNever(part);
  }
}

/** Chat keeps text and tool calls in separate fields, so their relative order is not carried. */
function encodeAssistant(parts: AssistantContentPart[], sink: WarningSink, path: string): Wire {
  const texts: TextPart[] = [];
  const toolCalls: Wire[] = [];
  parts.forEach((part, i) => {
    switch (part.type) {
      case 'text':
        texts.push(part);
        return;
      case 'tool-call':
        toolCalls.push({
          id: part.id,
          type: 'function',
          function: { name: part.name, arguments: JSON.stringify(part.input) },
        });
        return;
      case 'reasoning':
        sink.dropped(`${path}.content[${i}]`, 'Chat Completions has no field for earlier reasoning');
        return;
      default:
        assertNever(part);
    }
  });
  const message: Wire = { role: 'assistant', content: texts.length > 0 ? textContent(texts) : null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** Tool messages hold text only; there is no error flag, so a failed call is marked in the text. */
function encodeToolResult(result: ToolResultPart, sink: WarningSink, path: string): Wire {
  const texts = result.content.flatMap((part, i) => {
    if (part.type === 'text') return [part];
    sink.dropped(`${path}.content[${i}]`, `${part.type} in a tool result cannot be sent to Chat Completions`);
    return [];
  });
  if (result.isError)
    sink.approximated(`${path}.isError`, 'Chat Completions has no error flag on tool results');
  return { role: 'tool', tool_call_id: result.callId, content: texts.length > 0 ? textContent(texts) : '' };
}

export function encodeOpenAiChatToolChoice(choice: CanonicalToolChoice): string | Wire {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

/** Shared with the Responses dialect. Disabled reasoning is left to the model's default. */
export function encodeOpenAiEffort(
  reasoning: CanonicalReasoning | undefined,
  sink: WarningSink,
): ReasoningEffort | undefined {
  if (reasoning === undefined) return undefined;
  if (!reasoning.enabled) {
    sink.dropped('reasoning', 'disabling reasoning is left to the model default');
    return undefined;
  }
  if (reasoning.effort) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return 'medium';
  const effort = effortForBudget(reasoning.budgetTokens);
  sink.approximated('reasoning.budgetTokens', `budget ${reasoning.budgetTokens} sent as effort "${effort}"`);
  return effort;
}

function encodeResponseFormat(request: CanonicalRequest): Wire | undefined {
  const format = request.responseFormat;
  switch (format?.type) {
    case undefined:
      return undefined;
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json-schema':
      return {
        type: 'json_schema',
        json_schema: {
          name: format.name ?? 'response',
          ...(format.description !== undefined && { description: format.description }),
          schema: format.schema,
          ...(format.strict !== undefined && { strict: format.strict }),
        },
      };
    default:
      return assertNever(format);
  }
}
