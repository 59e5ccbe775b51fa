import { assertNever } from '../../canonical/assert-never.js';
import type { AssistantContentPart, TextPart, UserContentPart } from '../../canonical/canonical-content.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalToolChoice,
} from '../../canonical/canonical-request.js';
import { mediaSourceFromUrl, parseDataUrl } from '../../canonical/data-url.js';
import { parseJsonObject } from '../../canonical/json-value.js';
import { parseInbound } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import {
  type OpenAiChatMessage,
  type OpenAiChatRequest,
  type OpenAiChatToolChoice,
  type OpenAiChatUserPart,
  openAiChatRequestSchema,
  openAiChatRequestShape,
} from './openai-chat-request-schema.js';

export function decodeOpenAiChatRequest(body: unknown): Translated<CanonicalRequest> {
  const wire = parseInbound(openAiChatRequestSchema, body, 'Chat Completions request');
  const sink = new WarningSink();
  reportUnknownFields(body, sink);
  if (wire.n !== undefined && wire.n !== null && wire.n > 1)
    sink.dropped('n', 'only one choice is translated');
  const leading = wire.messages.findIndex((m) => m.role !== 'system' && m.role !== 'developer');
  const systemCount = leading === -1 ? wire.messages.length : leading;
  const request: CanonicalRequest = {
    model: wire.model,
    system: wire.messages.slice(0, systemCount).flatMap((m) => textParts(m.content as TextContent)),
    messages: decodeMessages(wire.messages.slice(systemCount), systemCount, sink),
    tools: (wire.tools ?? []).map(({ function: f }) => ({
      name: f.name,
      ...(f.description !== undefined && { description: f.description }),
      inputSchema: f.parameters ?? { type: 'object', properties: {} },
      ...(typeof f.strict === 'boolean' && { strict: f.strict }),
    })),
    stream: wire.stream === true,
  };
  if (wire.tool_choice !== undefined) request.toolChoice = decodeOpenAiChatToolChoice(wire.tool_choice);
  if (wire.parallel_tool_calls !== undefined) request.parallelToolCalls = wire.parallel_tool_calls;
  const maxTokens = wire.max_completion_tokens ?? wire.max_tokens;
  if (maxTokens != null) request.maxOutputTokens = maxTokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  if (wire.stop != null) request.stopSequences = typeof wire.stop === 'string' ? [wire.stop] : wire.stop;
  const reasoning = decodeOpenAiEffort(wire.reasoning_effort, 'reasoning_effort', sink);
  if (reasoning) request.reasoning = reasoning;
  if (wire.response_format) request.responseFormat = decodeResponseFormat(wire.response_format);
  const userId = wire.safety_identifier ?? wire.user;
  if (userId !== undefined) request.userId = userId;
  return sink.wrap(request);
}

function reportUnknownFields(body: unknown, sink: WarningSink): void {
  if (typeof body !== 'object' || body === null) return;
  for (const key of Object.keys(body)) {
    if (!(key in openAiChatRequestShape)) sink.dropped(key, 'field has no equivalent in canonical form');
  }
}

type TextContent = string | { type: 'text'; text: string }[];

function textParts(content: TextContent): TextPart[] {
  return typeof content === 'string'
    ? [{ type: 'text', text: content }]
    : content.map((p) => ({ type: 'text', text: p.text }));
}

/** Consecutive `tool` messages become one canonical tool message (the canonical normal form). */
function decodeMessages(
  messages: OpenAiChatMessage[],
  offset: number,
  sink: WarningSink,
): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index + offset}]`;
    const previous = out.at(-1);
    const decoded = decodeMessage(message, sink, path);
    if (decoded.role === 'tool' && previous?.role === 'tool') previous.content.push(...decoded.content);
    else out.push(decoded);
  });
  return out;
}

function decodeMessage(message: OpenAiChatMessage, sink: WarningSink, path: string): CanonicalMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textParts(message.content) };
    case 'user': {
      const parts =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content;
      return {
        role: 'user',
        content: parts.flatMap((p, i) => decodeUserPart(p, sink, `${path}.content[${i}]`) ?? []),
      };
    }
    case 'assistant':
      return { role: 'assistant', content: decodeAssistant(message, sink, path) };
    case 'tool':
      return {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            callId: message.tool_call_id,
            content: textParts(message.content),
            isError: false,
          },
        ],
      };
    default:
      return assertNever(message);
  }
}

function decodeUserPart(
  part: OpenAiChatUserPart,
  sink: WarningSink,
  path: string,
): UserContentPart | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url':
      return { type: 'image', source: mediaSourceFromUrl(part.image_url.url) };
    case 'file': {
      const inline = part.file.file_data === undefined ? undefined : parseDataUrl(part.file.file_data);
      if (!inline) {
        sink.dropped(path, 'file parts are translated only with inline file_data (a data: URL)');
        return undefined;
      }
      return {
        type: 'document',
        source: { kind: 'base64', ...inline },
        ...(part.file.filename && { filename: part.file.filename }),
      };
    }
    case 'input_audio':
      sink.dropped(path, 'audio input is not translated');
      return undefined;
    default:
      return assertNever(part);
  }
}

function decodeAssistant(
  message: Extract<OpenAiChatMessage, { role: 'assistant' }>,
  sink: WarningSink,
  path: string,
): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  if (message.reasoning_content) parts.push({ type: 'reasoning', text: message.reasoning_content });
  const content = message.content ?? [];
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'text', text: content });
  } else {
    for (const p of content) parts.push({ type: 'text', text: p.type === 'text' ? p.text : p.refusal });
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const input = parseJsonObject(call.function.arguments);
    if (input === undefined)
      sink.approximated(`${path}.tool_calls[${index}]`, 'arguments are not a JSON object; sent {}');
    parts.push({ type: 'tool-call', id: call.id, name: call.function.name, input: input ?? {} });
  });
  return parts;
}

export function decodeOpenAiChatToolChoice(choice: OpenAiChatToolChoice): CanonicalToolChoice {
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.function.name };
}

/** Shared with the Responses dialect, whose `reasoning.effort` takes the same values. */
export function decodeOpenAiEffort(
  effort: string | null | undefined,
  path: string,
  sink: WarningSink,
): CanonicalReasoning | undefined {
  switch (effort) {
    case undefined:
    case null:
      return undefined;
    case 'none':
      return { enabled: false };
    case 'minimal':
      sink.approximated(path, '"minimal" maps to "low"');
      return { enabled: true, effort: 'low' };
    case 'xhigh':
      sink.approximated(path, '"xhigh" maps to "high"');
      return { enabled: true, effort: 'high' };
    case 'low':
    case 'medium':
    case 'high':
      return { enabled: true, effort };
    default:
      sink.dropped(path, `unknown effort "${effort}"`);
      return undefined;
  }
}

function decodeResponseFormat(
  format: NonNullable<OpenAiChatRequest['response_format']>,
): CanonicalResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const { name, description, schema, strict } = format.json_schema;
      return {
        type: 'json-schema',
        schema: schema ?? {},
        name,
        ...(description !== undefined && { description }),
        ...(typeof strict === 'boolean' && { strict }),
      };
    }
    default:
      return assertNever(format);
  }
}
