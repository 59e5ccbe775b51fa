// The few request fields the mock reads. Every other field is tolerated and ignored: clients such as
// Claude Code send new fields with every release, and the mock must not reject them.

export type JsonObject = Record<string, unknown>;

export interface RequestMessage {
  role: string;
  content: string | JsonObject[];
}

export interface MessagesRequest {
  model: string;
  messages: RequestMessage[];
  maxTokens: number;
  system?: string | JsonObject[];
  tools?: JsonObject[];
  stopSequences: string[];
  stream: boolean;
}

export type ParseOutcome = { ok: true; request: MessagesRequest } | { ok: false; message: string };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectArray(value: unknown): value is JsonObject[] {
  return Array.isArray(value) && value.every(isJsonObject);
}

function parseMessages(value: unknown): RequestMessage[] | string {
  if (!Array.isArray(value)) return 'messages: Field required';
  const messages: RequestMessage[] = [];
  for (const [index, entry] of value.entries()) {
    if (!isJsonObject(entry) || typeof entry.role !== 'string')
      return `messages.${index}.role: Field required`;
    const content = entry.content;
    if (typeof content !== 'string' && !isObjectArray(content)) {
      return `messages.${index}.content: Input should be a valid string or list of content blocks`;
    }
    messages.push({ role: entry.role, content });
  }
  return messages;
}

/**
 * Validates what /v1/messages and /v1/messages/count_tokens need. `max_tokens` is only required for
 * creating a message (the real API rejects a missing one with 400; count_tokens does not need it).
 */
export function parseMessagesRequest(body: unknown, requireMaxTokens: boolean): ParseOutcome {
  if (!isJsonObject(body)) return { ok: false, message: 'Request body must be a JSON object' };
  if (typeof body.model !== 'string' || body.model === '')
    return { ok: false, message: 'model: Field required' };
  const messages = parseMessages(body.messages);
  if (typeof messages === 'string') return { ok: false, message: messages };
  const maxTokens = body.max_tokens;
  if (requireMaxTokens && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
    return { ok: false, message: 'max_tokens: Field required' };
  }
  const system = typeof body.system === 'string' || isObjectArray(body.system) ? body.system : undefined;
  const stopSequences = Array.isArray(body.stop_sequences)
    ? body.stop_sequences.filter((entry): entry is string => typeof entry === 'string' && entry !== '')
    : [];
  return {
    ok: true,
    request: {
      model: body.model,
      messages,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : Number.POSITIVE_INFINITY,
      system,
      tools: isObjectArray(body.tools) ? body.tools : undefined,
      stopSequences,
      stream: body.stream === true,
    },
  };
}
