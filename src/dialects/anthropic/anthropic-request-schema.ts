import { z } from 'zod';
import { jsonObjectSchema } from '../../canonical/json-value.js';

/**
 * The Messages API request as far as translation needs it
 * (https://docs.anthropic.com/en/api/messages). Used only when the body must be translated: the
 * same-dialect path forwards bodies untouched, so new fields never get filtered here.
 */
const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() });

const textBlock = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl.nullish(),
  citations: z.unknown().optional(),
});

const base64Source = z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string() });
const urlSource = z.object({ type: z.literal('url'), url: z.string().min(1) });
const fileSource = z.object({ type: z.literal('file'), file_id: z.string() });
const textSource = z.object({ type: z.literal('text'), media_type: z.string(), data: z.string() });

const imageBlock = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
  cache_control: cacheControl.nullish(),
});

const documentBlock = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    base64Source,
    urlSource,
    fileSource,
    textSource,
    z.object({ type: z.literal('content'), content: z.unknown() }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.unknown().optional(),
  cache_control: cacheControl.nullish(),
});

const thinkingBlock = z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.object({ type: z.literal('redacted_thinking'), data: z.string() });

const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: jsonObjectSchema,
  cache_control: cacheControl.nullish(),
});

const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([z.string(), z.array(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock]))])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl.nullish(),
});

/** Server-side tool blocks Anthropic runs itself; no other dialect can carry them, so they are dropped. */
const serverBlockTypes = [
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
  'container_upload',
  'search_result',
] as const;
const serverBlock = z.looseObject({ type: z.enum(serverBlockTypes) });

export const anthropicContentBlockSchema = z.union([
  z.discriminatedUnion('type', [
    textBlock,
    imageBlock,
    documentBlock,
    thinkingBlock,
    redactedThinkingBlock,
    toolUseBlock,
    toolResultBlock,
  ]),
  serverBlock,
]);

const messageSchema = z.object({
  // `system` is not in Anthropic's reference, but Claude Code sends it mid-conversation (SPEC §2).
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

const customTool = z.object({
  type: z.literal('custom').optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: jsonObjectSchema,
  cache_control: cacheControl.nullish(),
  strict: z.boolean().optional(),
});
/** Versioned server and client tools (`web_search_20250305`, `bash_20250124`…): Anthropic-only. */
const versionedTool = z.looseObject({ type: z.string().regex(/_\d{8}$/), name: z.string() });

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), ...parallel }),
  z.object({ type: z.literal('any'), ...parallel }),
  z.object({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.object({ type: z.literal('none') }),
]);

const thinkingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1) }),
  z.object({ type: z.literal('disabled') }),
  z.object({ type: z.literal('adaptive') }),
]);

const outputConfigSchema = z.looseObject({
  effort: z.enum(['low', 'medium', 'high', 'max']).optional(),
  format: z.object({ type: z.literal('json_schema'), schema: jsonObjectSchema }).nullish(),
});

export const anthropicRequestShape = {
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(messageSchema),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(z.union([customTool, versionedTool])).optional(),
  tool_choice: toolChoiceSchema.optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  thinking: thinkingSchema.optional(),
  output_config: outputConfigSchema.optional(),
};

export const anthropicRequestSchema = z.object(anthropicRequestShape);

export type AnthropicRequest = z.output<typeof anthropicRequestSchema>;
export type AnthropicMessage = AnthropicRequest['messages'][number];
export type AnthropicContentBlock = z.output<typeof anthropicContentBlockSchema>;
export type AnthropicTextBlock = z.output<typeof textBlock>;
export type AnthropicImageBlock = z.output<typeof imageBlock>;
export type AnthropicDocumentBlock = z.output<typeof documentBlock>;
export type AnthropicToolResultBlock = z.output<typeof toolResultBlock>;
export type AnthropicToolChoice = z.output<typeof toolChoiceSchema>;
export type AnthropicTool = z.output<typeof customTool>;
export type AnthropicCacheControl = z.output<typeof cacheControl>;
