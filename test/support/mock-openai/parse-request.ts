// The few request fields the mock reads, for both dialects, reduced to one view. Every other field is
// tolerated and ignored: Codex CLI and the SDKs send new fields with every release.
import { tokensOf } from './token-counting.js';

export type JsonObject = Record<string, unknown>;

export interface ConversationView {
  dialect: 'chat' | 'responses';
  model: string;
  stream: boolean;
  /** Chat only: `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Chat only: `stream_options.include_obfuscation` (default true, as the API does). */
  includeObfuscation: boolean;
  /** Text of the final user turn; undefined when the final turn is tool output. */
  userText: string | undefined;
  /** Output of the trailing tool results (Chat `tool` messages, Responses `function_call_output`). */
  toolOutput: string | undefined;
  /** `max_completion_tokens`, `max_tokens` or `max_output_tokens`; Infinity when absent. */
  maxOutputTokens: number;
  stop: string[];
  /** Responses only: `include` asks for `reasoning.encrypted_content`. */
  includeEncryptedReasoning: boolean;
  promptTokens: number;
  body: JsonObject;
}

export type ParseOutcome =
  | { ok: true; view: ConversationView }
  | { ok: false; message: string; param?: string; code?: string };

interface Turn {
  kind: 'user' | 'tool' | 'other';
  text: string;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of string content or of text parts (`text`, `input_text`, `output_text`); other parts ignored. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isJsonObject)
    .filter((part) => typeof part.text === 'string' && String(part.type).endsWith('text'))
    .map((part) => part.text)
    .join('\n');
}

function chatTurn(message: unknown): Turn {
  if (!isJsonObject(message)) return { kind: 'other', text: '' };
  if (message.role === 'user') return { kind: 'user', text: contentText(message.content) };
  if (message.role === 'tool') return { kind: 'tool', text: contentText(message.content) };
  return { kind: 'other', text: '' };
}

function responsesTurn(item: unknown): Turn {
  if (!isJsonObject(item)) return { kind: 'other', text: '' };
  // Easy input messages omit `type`; a full message item says `type: "message"`.
  const isMessage = item.type === undefined || item.type === 'message';
  if (isMessage && item.role === 'user') return { kind: 'user', text: contentText(item.content) };
  if (item.type === 'function_call_output') return { kind: 'tool', text: contentText(item.output) };
  return { kind: 'other', text: '' };
}

/**
 * The final turn decides the answer: the last user message, or — when tool results come after it —
 * those results joined by newlines (a parallel call has several).
 */
function finalTurn(turns: readonly Turn[]): Pick<ConversationView, 'userText' | 'toolOutput'> {
  const relevant = turns.filter((turn) => turn.kind !== 'other');
  const last = relevant.at(-1);
  if (!last) return { userText: undefined, toolOutput: undefined };
  if (last.kind === 'user') return { userText: last.text, toolOutput: undefined };
  const firstTrailing = relevant.findLastIndex((turn) => turn.kind !== 'tool') + 1;
  const outputs = relevant.slice(firstTrailing).map((turn) => turn.text);
  return { userText: undefined, toolOutput: outputs.join('\n') };
}

function positiveInteger(...values: unknown[]): number {
  for (const value of values) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return Number.POSITIVE_INFINITY;
}

function stopSequences(stop: unknown): string[] {
  if (typeof stop === 'string') return stop === '' ? [] : [stop];
  if (!Array.isArray(stop)) return [];
  return stop.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

/** Checks shared by both dialects, with the messages the live API uses. */
type ParseFailure = Extract<ParseOutcome, { ok: false }>;

function checkModel(
  body: unknown,
  modelFromPath: string | undefined,
): ParseFailure | { ok: true; body: JsonObject } {
  if (!isJsonObject(body)) {
    return {
      ok: false,
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
    };
  }
  if (modelFromPath === undefined && (typeof body.model !== 'string' || body.model === '')) {
    return { ok: false, message: 'you must provide a model parameter' };
  }
  return { ok: true, body };
}

/** `modelFromPath` is an Azure deployment name: it replaces the body's model. */
export function parseChatRequest(raw: unknown, modelFromPath?: string): ParseOutcome {
  const checked = checkModel(raw, modelFromPath);
  if (!checked.ok) return checked;
  const body = checked.body;
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return {
      ok: false,
      message: "Missing required parameter: 'messages'.",
      param: 'messages',
      code: 'missing_required_parameter',
    };
  }
  const streamOptions = isJsonObject(body.stream_options) ? body.stream_options : {};
  return {
    ok: true,
    view: {
      dialect: 'chat',
      model: modelFromPath ?? String(body.model),
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      includeObfuscation: streamOptions.include_obfuscation !== false,
      ...finalTurn(body.messages.map(chatTurn)),
      maxOutputTokens: positiveInteger(body.max_completion_tokens, body.max_tokens),
      stop: stopSequences(body.stop),
      includeEncryptedReasoning: false,
      promptTokens: tokensOf({ messages: body.messages, tools: body.tools }),
      body,
    },
  };
}

export function parseResponsesRequest(raw: unknown, modelFromPath?: string): ParseOutcome {
  const checked = checkModel(raw, modelFromPath);
  if (!checked.ok) return checked;
  const body = checked.body;
  const input = body.input;
  if (input !== undefined && typeof input !== 'string' && !Array.isArray(input)) {
    return { ok: false, message: "Invalid type for 'input'.", param: 'input', code: 'invalid_type' };
  }
  const turns =
    typeof input === 'string' ? [{ kind: 'user' as const, text: input }] : (input ?? []).map(responsesTurn);
  const include = Array.isArray(body.include) ? body.include : [];
  return {
    ok: true,
    view: {
      dialect: 'responses',
      model: modelFromPath ?? String(body.model),
      stream: body.stream === true,
      includeUsage: false,
      includeObfuscation: isJsonObject(body.stream_options)
        ? body.stream_options.include_obfuscation !== false
        : true,
      ...finalTurn(turns),
      maxOutputTokens: positiveInteger(body.max_output_tokens),
      stop: [],
      includeEncryptedReasoning: include.includes('reasoning.encrypted_content'),
      promptTokens: tokensOf({ instructions: body.instructions, input, tools: body.tools }),
      body,
    },
  };
}
