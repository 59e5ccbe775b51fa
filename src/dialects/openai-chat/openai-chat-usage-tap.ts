import type { EventSourceMessage } from 'eventsource-parser';
import { parseJsonObject } from '../../canonical/json-value.js';
import { applyCanonicalUsage, emptyUsage, type ObservedUsage } from '../observed-usage.js';
import { SseUsageTap } from '../sse-usage-tap.js';
import { decodeOpenAiChatUsage, openAiChatUsageSchema } from './openai-chat-usage.js';

/**
 * Reads usage out of a Chat Completions stream as it is relayed. OpenAI sends usage only in a final
 * chunk whose `choices` is empty (when `stream_options.include_usage` is set), and `"usage":null` in
 * every other chunk: only chunks carrying a usage object are parsed, plus the first one for the model.
 * Every chunk is read, including those with no choices (a gateway that skips them loses usage).
 */
export class OpenAiChatUsageTap extends SseUsageTap {
  private sawFirst = false;
  private sawUsage = false;
  /** Chunks relayed before the end: OpenAI-compatible servers stream about one token per chunk. */
  private contentChunks = 0;

  protected override finish(): void {
    // Some OpenAI-compatible servers ignore include_usage: estimate the output rather than record zero.
    if (!this.sawUsage && this.contentChunks > 0) {
      this.usage.outputTokens = this.contentChunks;
      this.usage.estimated = true;
    }
  }

  protected onEvent(event: EventSourceMessage): void {
    this.onData(event.data);
  }

  private onData(data: string): void {
    if (data === '[DONE]') {
      this.usage.completed = true;
      return;
    }
    const carriesUsage = data.includes('"usage":{');
    if (carriesUsage) this.sawUsage = true;
    else if (this.sawFirst) {
      this.contentChunks += 1;
      this.content.keep(data);
    }
    const carriesError = !this.sawFirst || data.includes('"error"');
    if (this.sawFirst && !carriesUsage && !carriesError) return;
    const chunk = parseJsonObject(data);
    if (!this.sawFirst) {
      this.sawFirst = true;
      if (typeof chunk?.model === 'string') this.usage.model = chunk.model;
      if (typeof chunk?.id === 'string') this.usage.messageId = chunk.id;
    }
    if (chunk?.error !== undefined) this.usage.errorType = errorTypeOf(chunk.error);
    if (carriesUsage) observeChatUsage(chunk?.usage, this.usage);
  }
}

/** Reads a whole Chat Completions answer's top-level members. */
export function observeChatAnswer(fields: Record<string, unknown> | undefined): ObservedUsage {
  const usage = emptyUsage();
  if (!fields) return usage;
  if (fields.error !== undefined) {
    usage.errorType = errorTypeOf(fields.error);
    return usage;
  }
  if (fields.usage) observeChatUsage(fields.usage, usage);
  else estimateChatOutput(fields.choices, usage);
  if (typeof fields.model === 'string') usage.model = fields.model;
  if (typeof fields.id === 'string') usage.messageId = fields.id;
  usage.completed = fields.object === 'chat.completion';
  return usage;
}

/** An answer without usage: about four characters a token for its text and tool arguments. */
function estimateChatOutput(choices: unknown, into: ObservedUsage): void {
  if (!Array.isArray(choices)) return;
  const characters = JSON.stringify(
    choices.map((choice) => (choice as { message?: unknown })?.message ?? null),
  ).length;
  into.outputTokens = Math.max(1, Math.ceil(characters / 4));
  into.estimated = true;
}

function observeChatUsage(value: unknown, into: ObservedUsage): void {
  const parsed = openAiChatUsageSchema.safeParse(value);
  if (parsed.success) applyCanonicalUsage(decodeOpenAiChatUsage(parsed.data), into);
}

export function errorTypeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'error';
  const { code, type } = error as { code?: unknown; type?: unknown };
  return typeof code === 'string' ? code : typeof type === 'string' ? type : 'error';
}
