import { assertNever } from '../../canonical/assert-never.js';
import type {
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
} from '../../canonical/canonical-request.js';
import { parseInbound } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { decodeOpenAiEffort } from '../openai-chat/decode-openai-chat-request.js';
import { decodeResponsesItems } from './openai-responses-items.js';
import {
  type OpenAiResponsesRequest,
  openAiResponsesRequestSchema,
  openAiResponsesRequestShape,
  type ResponsesFunctionTool,
} from './openai-responses-request-schema.js';

export function decodeOpenAiResponsesRequest(body: unknown): Translated<CanonicalRequest> {
  const wire = parseInbound(openAiResponsesRequestSchema, body, 'Responses request');
  const sink = new WarningSink();
  if (typeof body === 'object' && body !== null)
    for (const key of Object.keys(body))
      if (!(key in openAiResponsesRequestShape))
        sink.dropped(key, 'field has no equivalent in canonical form');
  const input =
    typeof wire.input === 'string'
      ? [{ type: 'message' as const, role: 'user' as const, content: wire.input }]
      : wire.input;
  const request: CanonicalRequest = {
    model: wire.model,
    system: wire.instructions ? [{ type: 'text', text: wire.instructions }] : [],
    messages: decodeResponsesItems(input, sink),
    tools: decodeTools(wire.tools, sink),
    stream: wire.stream === true,
  };
  const toolChoice = decodeToolChoice(wire.tool_choice, sink);
  if (toolChoice) request.toolChoice = toolChoice;
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.max_output_tokens != null) request.maxOutputTokens = wire.max_output_tokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  const reasoning = decodeOpenAiEffort(wire.reasoning?.effort, 'reasoning.effort', sink);
  if (reasoning) request.reasoning = reasoning;
  const format = wire.text?.format;
  if (format) request.responseFormat = decodeFormat(format);
  const userId = wire.safety_identifier ?? wire.user;
  if (userId !== undefined) request.userId = userId;
  return sink.wrap(request);
}

function isFunctionTool(
  tool: NonNullable<OpenAiResponsesRequest['tools']>[number],
): tool is ResponsesFunctionTool {
  return tool.type === 'function';
}

function decodeTools(tools: OpenAiResponsesRequest['tools'], sink: WarningSink): CanonicalTool[] {
  return (tools ?? []).flatMap((tool, index) => {
    if (!isFunctionTool(tool)) {
      sink.dropped(`tools[${index}]`, `hosted tool "${tool.type}" has no equivalent outside OpenAI`);
      return [];
    }
    const out: CanonicalTool = {
      name: tool.name,
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
    };
    if (tool.description != null) out.description = tool.description;
    if (tool.strict != null) out.strict = tool.strict;
    return [out];
  });
}

function decodeToolChoice(
  choice: OpenAiResponsesRequest['tool_choice'],
  sink: WarningSink,
): CanonicalToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function' && typeof choice.name === 'string')
    return { type: 'tool', name: choice.name };
  sink.dropped('tool_choice', `tool_choice "${choice.type}" has no canonical equivalent`);
  return undefined;
}

function decodeFormat(
  format: NonNullable<NonNullable<OpenAiResponsesRequest['text']>['format']>,
): CanonicalResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return {
        type: 'json-schema',
        schema: format.schema,
        name: format.name,
        ...(format.description !== undefined && { description: format.description }),
        ...(typeof format.strict === 'boolean' && { strict: format.strict }),
      };
    default:
      return assertNever(format);
  }
}
