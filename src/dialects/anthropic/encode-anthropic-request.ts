import { assertNever } from '../../canonical/assert-never.js';
import type { AssistantContentPart, UserContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalMessage, CanonicalRequest, CanonicalTool } from '../../canonical/canonical-request.js';
import { budgetForEffort, minimumThinkingBudget } from '../../canonical/reasoning-effort.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import {
  cacheControlOf,
  encodeMediaBlock,
  encodeReasoningBlock,
  encodeTextBlock,
  encodeToolResultBlock,
  encodeToolUseBlock,
} from './anthropic-content.js';

/** Messages requires `max_tokens`; OpenAI callers often omit it, so this is the stand-in. */
export const defaultAnthropicMaxTokens = 4096;

export type AnthropicRequestBody = Record<string, unknown> & {
  model: string;
  max_tokens: number;
  messages: unknown[];
};

export function encodeAnthropicRequest(request: CanonicalRequest): Translated<AnthropicRequestBody> {
  const sink = new WarningSink();
  const body: AnthropicRequestBody = {
    model: request.model,
    max_tokens: maxTokens(request, sink),
    messages: encodeMessages(request.messages, sink),
  };
  if (request.system.length > 0) body.system = request.system.map(encodeTextBlock);
  if (request.tools.length > 0) body.tools = request.tools.map(encodeTool);
  const toolChoice = encodeToolChoice(request);
  if (toolChoice) body.tool_choice = toolChoice;
  if (request.temperature !== undefined) body.temperature = clampTemperature(request.temperature, sink);
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences?.length) body.stop_sequences = request.stopSequences;
  if (request.stream) body.stream = true;
  if (request.userId !== undefined) body.metadata = { user_id: request.userId };
  const thinking = encodeThinking(request, body.max_tokens, sink);
  if (thinking) body.thinking = thinking;
  encodeResponseFormat(request, body, sink);
  return sink.wrap(body);
}

function maxTokens(request: CanonicalRequest, sink: WarningSink): number {
  if (request.maxOutputTokens !== undefined) return request.maxOutputTokens;
  const budget = request.reasoning?.enabled ? thinkingBudget(request) : 0;
  sink.approximated(
    'max_tokens',
    `not given; Anthropic requires it, sent ${defaultAnthropicMaxTokens + budget}`,
  );
  return defaultAnthropicMaxTokens + budget;
}

/** OpenAI allows temperature up to 2, Anthropic up to 1. */
function clampTemperature(temperature: number, sink: WarningSink): number {
  if (temperature <= 1) return temperature;
  sink.approximated('temperature', `${temperature} is above Anthropic's maximum of 1; sent 1`);
  return 1;
}

function encodeMessages(messages: CanonicalMessage[], sink: WarningSink): unknown[] {
  return messages.map((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content.map(encodeTextBlock) };
      case 'user':
        return { role: 'user', content: message.content.map(encodeUserPart) };
      case 'tool':
        return { role: 'user', content: message.content.map(encodeToolResultBlock) };
      case 'assistant':
        return {
          role: 'assistant',
          content: message.content.flatMap(
            (part, i) => encodeAssistantPart(part, sink, `${path}.content[${i}]`) ?? [],
          ),
        };
      default:
        return assertNever(message);
    }
  });
}

function encodeUserPart(part: UserContentPart) {
  return part.type === 'text' ? encodeTextBlock(part) : encodeMediaBlock(part);
}

function encodeAssistantPart(part: AssistantContentPart, sink: WarningSink, path: string) {
  switch (part.type) {
    case 'text':
      return encodeTextBlock(part);
    case 'reasoning':
      return encodeReasoningBlock(part, sink, path);
    case 'tool-call':
      return encodeToolUseBlock(part);
    default:
      return assertNever(part);
  }
}

function encodeTool(tool: CanonicalTool): Record<string, unknown> {
  const out: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) out.description = tool.description;
  out.input_schema = tool.inputSchema;
  if (tool.strict !== undefined) out.strict = tool.strict;
  const cache = cacheControlOf(tool.providerMetadata);
  if (cache) out.cache_control = cache;
  return out;
}

export function encodeToolChoice(request: Pick<CanonicalRequest, 'toolChoice' | 'parallelToolCalls'>) {
  const disable = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  const choice =
    request.toolChoice ?? (request.parallelToolCalls === false ? { type: 'auto' as const } : undefined);
  if (choice === undefined) return undefined;
  switch (choice.type) {
    case 'auto':
      return { type: 'auto', ...disable };
    case 'required':
      return { type: 'any', ...disable };
    case 'tool':
      return { type: 'tool', name: choice.name, ...disable };
    case 'none':
      return { type: 'none' };
    default:
      return assertNever(choice);
  }
}

function thinkingBudget(request: CanonicalRequest): number {
  return request.reasoning?.budgetTokens ?? budgetForEffort(request.reasoning?.effort ?? 'medium');
}

/** Anthropic requires minimumThinkingBudget <= budget_tokens < max_tokens. */
function encodeThinking(request: CanonicalRequest, maxTokensSent: number, sink: WarningSink) {
  const reasoning = request.reasoning;
  if (reasoning === undefined) return undefined;
  if (!reasoning.enabled) return { type: 'disabled' };
  if (reasoning.budgetTokens === undefined)
    sink.approximated(
      'reasoning.effort',
      `effort "${reasoning.effort ?? 'medium'}" sent as a thinking budget`,
    );
  const budget = Math.min(thinkingBudget(request), maxTokensSent - 1);
  if (budget < minimumThinkingBudget) {
    sink.dropped(
      'reasoning',
      `max_tokens ${maxTokensSent} leaves no room for Anthropic's minimum thinking budget`,
    );
    return undefined;
  }
  if (budget !== thinkingBudget(request))
    sink.approximated('reasoning.budgetTokens', `lowered to ${budget}, below max_tokens`);
  return { type: 'enabled', budget_tokens: budget };
}

function encodeResponseFormat(
  request: CanonicalRequest,
  body: AnthropicRequestBody,
  sink: WarningSink,
): void {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return;
  if (format.type === 'json') {
    sink.dropped('response_format', 'JSON mode without a schema has no Anthropic equivalent');
    return;
  }
  body.output_config = { format: { type: 'json_schema', schema: format.schema } };
}
