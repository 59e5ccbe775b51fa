import { assertNever } from '../../canonical/assert-never.js';
import type { TextPart } from '../../canonical/canonical-content.js';
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
} from '../../canonical/canonical-request.js';
import { parseInbound } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import {
  cacheMetadata,
  decodeAssistantBlock,
  decodeMediaBlock,
  decodeTextBlock,
  decodeToolResultBlock,
} from './anthropic-content.js';
import {
  type AnthropicMessage,
  type AnthropicRequest,
  type AnthropicTool,
  type AnthropicToolChoice,
  anthropicRequestSchema,
  anthropicRequestShape,
} from './anthropic-request-schema.js';

type AnthropicBlocks = Exclude<AnthropicMessage['content'], string>;

/** Validates a client's Messages request (400 on failure) and maps it to canonical. */
export function decodeAnthropicRequest(body: unknown): Translated<CanonicalRequest> {
  const wire = parseInbound(anthropicRequestSchema, body, 'Messages request');
  const sink = new WarningSink();
  reportUnknownFields(body, sink);
  const request: CanonicalRequest = {
    model: wire.model,
    system: decodeSystem(wire.system),
    messages: wire.messages.flatMap((message, index) => decodeMessage(message, sink, `messages[${index}]`)),
    tools: decodeTools(wire.tools, sink),
    maxOutputTokens: wire.max_tokens,
    stream: wire.stream === true,
  };
  Object.assign(request, decodeToolChoice(wire.tool_choice));
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.top_k !== undefined) request.topK = wire.top_k;
  if (wire.stop_sequences !== undefined) request.stopSequences = wire.stop_sequences;
  if (wire.metadata?.user_id) request.userId = wire.metadata.user_id;
  const reasoning = decodeReasoning(wire, sink);
  if (reasoning) request.reasoning = reasoning;
  const format = wire.output_config?.format;
  if (format) request.responseFormat = { type: 'json-schema', schema: format.schema };
  return sink.wrap(request);
}

/** Fields Anthropic added that no other dialect has (context_management, mcp_servers…). */
function reportUnknownFields(body: unknown, sink: WarningSink): void {
  if (typeof body !== 'object' || body === null) return;
  for (const key of Object.keys(body)) {
    if (!(key in anthropicRequestShape)) sink.dropped(key, 'field has no equivalent in canonical form');
  }
}

function decodeSystem(system: AnthropicRequest['system']): TextPart[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ type: 'text', text: system }];
  return system.map(decodeTextBlock);
}

function decodeMessage(message: AnthropicMessage, sink: WarningSink, path: string): CanonicalMessage[] {
  const blocks =
    typeof message.content === 'string'
      ? [{ type: 'text' as const, text: message.content }]
      : message.content;
  switch (message.role) {
    case 'system':
      return [{ role: 'system', content: decodeSystemBlocks(blocks, sink, path) }];
    case 'assistant':
      return [
        {
          role: 'assistant',
          content: blocks.flatMap((b, i) => decodeAssistantBlock(b, sink, `${path}.content[${i}]`) ?? []),
        },
      ];
    case 'user':
      return decodeUserBlocks(blocks, sink, path);
    default:
      return assertNever(message.role);
  }
}

function decodeSystemBlocks(blocks: AnthropicBlocks, sink: WarningSink, path: string): TextPart[] {
  return blocks.flatMap((block, index) => {
    if (block.type === 'text') return [decodeTextBlock(block)];
    sink.dropped(`${path}.content[${index}]`, `"${block.type}" block in a system message`);
    return [];
  });
}

/**
 * A user turn holding tool results becomes a `tool` message followed by a `user` message: runs of
 * results and of other blocks keep their order, so nothing moves relative to the conversation.
 */
function decodeUserBlocks(blocks: AnthropicBlocks, sink: WarningSink, path: string): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  blocks.forEach((block, index) => {
    const at = `${path}.content[${index}]`;
    const last = out.at(-1);
    if (block.type === 'tool_result') {
      const result = decodeToolResultBlock(block, sink, at);
      if (last?.role === 'tool') last.content.push(result);
      else out.push({ role: 'tool', content: [result] });
      return;
    }
    const part = decodeUserBlock(block, sink, at);
    if (!part) return;
    if (last?.role === 'user') last.content.push(part);
    else out.push({ role: 'user', content: [part] });
  });
  return out.length > 0 ? out : [{ role: 'user', content: [] }];
}

function decodeUserBlock(block: AnthropicBlocks[number], sink: WarningSink, path: string) {
  switch (block.type) {
    case 'text':
      return decodeTextBlock(block);
    case 'image':
    case 'document':
      return decodeMediaBlock(block, sink, path);
    default:
      sink.dropped(path, `"${block.type}" block is not carried in a user turn`);
      return undefined;
  }
}

function decodeTools(tools: AnthropicRequest['tools'], sink: WarningSink): CanonicalTool[] {
  return (tools ?? []).flatMap((tool, index) => {
    if (!isCustomTool(tool)) {
      sink.dropped(`tools[${index}]`, `Anthropic-defined tool "${tool.type}" has no equivalent elsewhere`);
      return [];
    }
    const out: CanonicalTool = { name: tool.name, inputSchema: tool.input_schema };
    if (tool.description !== undefined) out.description = tool.description;
    if (tool.strict !== undefined) out.strict = tool.strict;
    const metadata = cacheMetadata(tool.cache_control);
    if (metadata) out.providerMetadata = metadata;
    return [out];
  });
}

function isCustomTool(tool: NonNullable<AnthropicRequest['tools']>[number]): tool is AnthropicTool {
  return tool.type === undefined || tool.type === 'custom';
}

export function decodeToolChoice(choice: AnthropicToolChoice | undefined): {
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
} {
  if (choice === undefined) return {};
  const parallel =
    'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true
      ? { parallelToolCalls: false }
      : {};
  switch (choice.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, ...parallel };
    case 'any':
      return { toolChoice: { type: 'required' }, ...parallel };
    case 'tool':
      return { toolChoice: { type: 'tool', name: choice.name }, ...parallel };
    case 'none':
      return { toolChoice: { type: 'none' } };
    default:
      return assertNever(choice);
  }
}

function decodeReasoning(wire: AnthropicRequest, sink: WarningSink): CanonicalReasoning | undefined {
  const effortWire = wire.output_config?.effort;
  if (effortWire === 'max') sink.approximated('output_config.effort', '"max" effort maps to "high"');
  const effort = effortWire === 'max' ? 'high' : effortWire;
  const thinking = wire.thinking;
  if (thinking === undefined) return effort ? { enabled: true, effort } : undefined;
  switch (thinking.type) {
    case 'enabled':
      return { enabled: true, budgetTokens: thinking.budget_tokens, ...(effort && { effort }) };
    case 'adaptive':
      return { enabled: true, ...(effort && { effort }) };
    case 'disabled':
      return { enabled: false };
    default:
      return assertNever(thinking);
  }
}
