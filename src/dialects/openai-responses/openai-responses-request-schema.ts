import { z } from 'zod';
import { jsonObjectSchema } from '../../canonical/json-value.js';

/** The Responses request as far as translation needs it (https://platform.openai.com/docs/api-reference/responses/create). */
const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().optional(),
});
const inputFile = z.object({
  type: z.literal('input_file'),
  file_data: z.string().optional(),
  file_id: z.string().nullish(),
  file_url: z.string().optional(),
  filename: z.string().optional(),
});
const outputText = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).optional(),
});
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });

export const responsesContentPartSchema = z.discriminatedUnion('type', [
  inputText,
  inputImage,
  inputFile,
  outputText,
  refusal,
]);

const messageItem = z.object({
  type: z.literal('message'),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(responsesContentPartSchema)]),
  id: z.string().optional(),
  status: z.string().optional(),
});
const functionCallItem = z.object({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  id: z.string().optional(),
  status: z.string().optional(),
});
const functionCallOutputItem = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(z.discriminatedUnion('type', [inputText, inputImage, inputFile]))]),
  id: z.string().optional(),
  status: z.string().optional(),
});
const reasoningItem = z.object({
  type: z.literal('reasoning'),
  id: z.string().optional(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })),
  encrypted_content: z.string().nullish(),
});
const knownItemTypes = ['message', 'function_call', 'function_call_output', 'reasoning'];
/** Hosted-tool calls, custom tools, item references…: OpenAI-only, dropped with a warning. */
const otherItem = z.looseObject({ type: z.string().refine((t) => !knownItemTypes.includes(t)) });

/** An item without `type` but with `role` is an "easy input message". */
const withMessageType = (item: unknown) =>
  typeof item === 'object' && item !== null && !('type' in item) && 'role' in item
    ? { ...item, type: 'message' }
    : item;

export const responsesInputItemSchema = z.preprocess(
  withMessageType,
  z.union([
    z.discriminatedUnion('type', [messageItem, functionCallItem, functionCallOutputItem, reasoningItem]),
    otherItem,
  ]),
);

export type ResponsesKnownItem =
  | z.output<typeof messageItem>
  | z.output<typeof functionCallItem>
  | z.output<typeof functionCallOutputItem>
  | z.output<typeof reasoningItem>;

export function isKnownResponsesItem(item: { type: string }): item is ResponsesKnownItem {
  return knownItemTypes.includes(item.type);
}

const functionTool = z.object({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: jsonObjectSchema.nullish(),
  strict: z.boolean().nullish(),
});
const otherTool = z.looseObject({ type: z.string().refine((t) => t !== 'function') });

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }),
  z.looseObject({ type: z.string().refine((t) => t !== 'function') }),
]);

const formatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    schema: jsonObjectSchema,
    description: z.string().optional(),
    strict: z.boolean().nullish(),
  }),
]);

export const openAiResponsesRequestShape = {
  model: z.string().min(1),
  input: z.union([z.string(), z.array(responsesInputItemSchema)]),
  instructions: z.string().nullish(),
  tools: z.array(z.union([functionTool, otherTool])).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream: z.boolean().nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish() }).nullish(),
  text: z.looseObject({ format: formatSchema.optional() }).nullish(),
  user: z.string().optional(),
  safety_identifier: z.string().optional(),
  // Read but not translated: they only make sense to OpenAI and Gatehouse sets them itself.
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
};

export const openAiResponsesRequestSchema = z.object(openAiResponsesRequestShape);

export type OpenAiResponsesRequest = z.output<typeof openAiResponsesRequestSchema>;
export type ResponsesInputItem = z.output<typeof responsesInputItemSchema>;
export type ResponsesContentPart = z.output<typeof responsesContentPartSchema>;
export type ResponsesFunctionTool = z.output<typeof functionTool>;
