import { Tiktoken } from 'js-tiktoken/lite';

/**
 * A local count of an Anthropic request's input tokens, for `count_tokens` when no account that serves
 * the model can count them itself (SPEC: Claude Code compacts its context from this number, so an
 * estimate may err high, never low). OpenAI's o200k encoding is more compact than Claude's tokenizer,
 * so its count is scaled up by a safety factor, images are counted at Anthropic's upper bound, and
 * every message and tool adds its framing overhead. The ranks (a few MB) load on first use only.
 */
const claudeSafetyFactor = 1.35;
const tokensPerImage = 1600;
const tokensPerMessage = 8;
const tokensPerTool = 16;

let encoder: Promise<Tiktoken> | undefined;

function loadEncoder(): Promise<Tiktoken> {
  encoder ??= import('js-tiktoken/ranks/o200k_base').then((ranks) => new Tiktoken(ranks.default));
  return encoder;
}

interface Counts {
  text: string[];
  images: number;
}

function collect(value: unknown, into: Counts): void {
  if (typeof value === 'string') {
    into.text.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const block = value as Record<string, unknown>;
  if (block.type === 'image' || block.type === 'document') {
    into.images += 1;
    return;
  }
  for (const [name, field] of Object.entries(block)) {
    // Signatures and cache hints are not prompt text; tool inputs and schemas are, as JSON.
    if (name === 'signature' || name === 'cache_control') continue;
    if (name === 'input' || name === 'input_schema') into.text.push(JSON.stringify(field));
    else collect(field, into);
  }
}

export async function estimatePromptTokens(body: unknown): Promise<number> {
  const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const counts: Counts = { text: [], images: 0 };
  collect(request.system, counts);
  collect(request.messages, counts);
  collect(request.tools, counts);
  const tiktoken = await loadEncoder();
  const textTokens = counts.text.reduce((sum, text) => sum + tiktoken.encode(text).length, 0);
  const messages = Array.isArray(request.messages) ? request.messages.length : 0;
  const tools = Array.isArray(request.tools) ? request.tools.length : 0;
  return (
    Math.ceil(textTokens * claudeSafetyFactor) +
    counts.images * tokensPerImage +
    messages * tokensPerMessage +
    tools * tokensPerTool
  );
}

/**
 * The output tokens of the text a stream relayed before it was cut short. Counted with o200k, OpenAI's
 * own encoding, and scaled up for Claude's less compact tokenizer like the prompt estimate; raw event
 * characters past the per-stream cap count as JSON envelopes of about four times their text.
 */
export async function estimateOutputTokens(
  relayed: { text: string; unreadCharacters: number },
  upstreamDialect: string,
): Promise<number> {
  if (relayed.text.length === 0 && relayed.unreadCharacters === 0) return 0;
  const tiktoken = await loadEncoder();
  const counted = tiktoken.encode(relayed.text).length;
  const scaled = upstreamDialect === 'anthropic' ? Math.ceil(counted * claudeSafetyFactor) : counted;
  return scaled + Math.ceil(relayed.unreadCharacters / 16);
}
