import { describe, expect, it } from 'vitest';
import type { CanonicalToolChoice } from '../canonical/canonical-request.js';
import type { CanonicalUsage, FinishReason } from '../canonical/canonical-response.js';
import { budgetForEffort, effortForBudget } from '../canonical/reasoning-effort.js';
import { WarningSink } from '../canonical/translation-result.js';
import { decodeToolChoice } from '../dialects/anthropic/decode-anthropic-request.js';
import { decodeAnthropicUsage } from '../dialects/anthropic/decode-anthropic-response.js';
import { encodeToolChoice } from '../dialects/anthropic/encode-anthropic-request.js';
import { encodeAnthropicUsage } from '../dialects/anthropic/encode-anthropic-response.js';
import {
  decodeAnthropicStopReason,
  encodeAnthropicStopReason,
} from '../dialects/anthropic/map-anthropic-stop-reason.js';
import {
  decodeOpenAiChatToolChoice,
  decodeOpenAiEffort,
} from '../dialects/openai-chat/decode-openai-chat-request.js';
import {
  encodeOpenAiChatToolChoice,
  encodeOpenAiEffort,
} from '../dialects/openai-chat/encode-openai-chat-request.js';
import {
  decodeOpenAiChatFinishReason,
  encodeOpenAiChatFinishReason,
} from '../dialects/openai-chat/map-openai-chat-finish-reason.js';
import { decodeOpenAiChatUsage, encodeOpenAiChatUsage } from '../dialects/openai-chat/openai-chat-usage.js';
import {
  decodeResponsesStatus,
  encodeResponsesStatus,
} from '../dialects/openai-responses/map-responses-status.js';
import {
  decodeResponsesUsage,
  encodeResponsesUsage,
} from '../dialects/openai-responses/openai-responses-usage.js';

describe('Anthropic stop_reason', () => {
  it.each<[string | null, FinishReason, string]>([
    ['end_turn', 'stop', 'end_turn'],
    ['stop_sequence', 'stop', 'stop_sequence'],
    ['max_tokens', 'length', 'max_tokens'],
    ['model_context_window_exceeded', 'length', 'model_context_window_exceeded'],
    ['tool_use', 'tool-calls', 'tool_use'],
    ['refusal', 'content-filter', 'refusal'],
    ['pause_turn', 'other', 'pause_turn'],
    ['something_new', 'other', 'end_turn'],
    [null, 'other', 'end_turn'],
  ])('%s decodes to %s and encodes back to %s', (raw, unified, back) => {
    const decoded = decodeAnthropicStopReason(raw);
    expect(decoded.unified).toBe(unified);
    expect(encodeAnthropicStopReason(decoded)).toBe(back);
  });

  it.each<[FinishReason, string | undefined, string]>([
    ['stop', 'stop', 'end_turn'],
    ['length', 'length', 'max_tokens'],
    ['tool-calls', 'tool_calls', 'tool_use'],
    ['content-filter', 'content_filter', 'refusal'],
    ['error', 'failed', 'end_turn'],
  ])('a foreign %s (raw %s) encodes as %s', (unified, raw, expected) => {
    expect(encodeAnthropicStopReason({ unified, raw })).toBe(expected);
  });
});

describe('Chat Completions finish_reason', () => {
  it.each<[string | null, FinishReason, string]>([
    ['stop', 'stop', 'stop'],
    ['length', 'length', 'length'],
    ['tool_calls', 'tool-calls', 'tool_calls'],
    ['function_call', 'tool-calls', 'tool_calls'],
    ['content_filter', 'content-filter', 'content_filter'],
    [null, 'other', 'stop'],
  ])('%s decodes to %s and encodes back to %s', (raw, unified, back) => {
    const decoded = decodeOpenAiChatFinishReason(raw);
    expect(decoded.unified).toBe(unified);
    expect(encodeOpenAiChatFinishReason(decoded)).toBe(back);
  });
});

describe('Responses status', () => {
  it.each<[string, string | null, boolean, FinishReason]>([
    ['completed', null, false, 'stop'],
    ['completed', null, true, 'tool-calls'],
    ['incomplete', 'max_output_tokens', false, 'length'],
    ['incomplete', 'content_filter', false, 'content-filter'],
    ['failed', null, false, 'error'],
    ['in_progress', null, false, 'other'],
  ])('status %s (%s, tool calls %s) decodes to %s', (status, reason, tools, unified) => {
    expect(decodeResponsesStatus(status, reason, tools).unified).toBe(unified);
  });

  it.each<[FinishReason, string, string | undefined]>([
    ['stop', 'completed', undefined],
    ['tool-calls', 'completed', undefined],
    ['length', 'incomplete', 'max_output_tokens'],
    ['content-filter', 'incomplete', 'content_filter'],
    ['error', 'failed', undefined],
    ['other', 'completed', undefined],
  ])('%s encodes as status %s (%s)', (unified, status, reason) => {
    const encoded = encodeResponsesStatus({ unified, raw: undefined });
    expect(encoded.status).toBe(status);
    expect(encoded.incompleteDetails?.reason).toBe(reason);
  });
});

describe('tool choice', () => {
  it.each<[CanonicalToolChoice, boolean | undefined, unknown, unknown]>([
    [{ type: 'auto' }, undefined, { type: 'auto' }, 'auto'],
    [{ type: 'none' }, undefined, { type: 'none' }, 'none'],
    [{ type: 'required' }, undefined, { type: 'any' }, 'required'],
    [
      { type: 'tool', name: 'Bash' },
      undefined,
      { type: 'tool', name: 'Bash' },
      { type: 'function', function: { name: 'Bash' } },
    ],
    [{ type: 'auto' }, false, { type: 'auto', disable_parallel_tool_use: true }, 'auto'],
    [{ type: 'required' }, false, { type: 'any', disable_parallel_tool_use: true }, 'required'],
  ])('%j (parallel %s) ↔ Anthropic %j ↔ Chat %j', (choice, parallel, anthropic, chat) => {
    const request = { toolChoice: choice, ...(parallel !== undefined && { parallelToolCalls: parallel }) };
    expect(encodeToolChoice(request)).toEqual(anthropic);
    expect(decodeToolChoice(anthropic as Parameters<typeof decodeToolChoice>[0])).toEqual(request);
    expect(encodeOpenAiChatToolChoice(choice)).toEqual(chat);
    expect(decodeOpenAiChatToolChoice(chat as Parameters<typeof decodeOpenAiChatToolChoice>[0])).toEqual(
      choice,
    );
  });

  it('parallel_tool_calls=false alone becomes tool_choice auto with parallel use disabled', () => {
    expect(encodeToolChoice({ parallelToolCalls: false })).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });
});

describe('reasoning effort ↔ thinking budget', () => {
  it.each([
    ['low', 2048],
    ['medium', 8192],
    ['high', 24576],
  ] as const)('effort %s is a budget of %i and back', (effort, budget) => {
    expect(budgetForEffort(effort)).toBe(budget);
    expect(effortForBudget(budget)).toBe(effort);
  });

  it.each([
    [1024, 'low'],
    [4096, 'low'],
    [4097, 'medium'],
    [16384, 'medium'],
    [16385, 'high'],
    [64000, 'high'],
  ] as const)('a budget of %i is effort %s', (budget, effort) => {
    expect(effortForBudget(budget)).toBe(effort);
  });

  it.each([
    ['none', { enabled: false }, 0],
    ['minimal', { enabled: true, effort: 'low' }, 1],
    ['low', { enabled: true, effort: 'low' }, 0],
    ['high', { enabled: true, effort: 'high' }, 0],
    ['xhigh', { enabled: true, effort: 'high' }, 1],
  ] as const)('OpenAI effort %s decodes to %j with %i warning(s)', (effort, reasoning, warnings) => {
    const sink = new WarningSink();
    expect(decodeOpenAiEffort(effort, 'reasoning_effort', sink)).toEqual(reasoning);
    expect(sink.warnings).toHaveLength(warnings);
  });

  it('a budget sent to OpenAI becomes the nearest effort, reported as approximated', () => {
    const sink = new WarningSink();
    expect(encodeOpenAiEffort({ enabled: true, budgetTokens: 10000 }, sink)).toBe('medium');
    expect(sink.warnings[0]?.kind).toBe('approximated');
  });
});

describe('usage: OpenAI cached tokens are inside prompt tokens, Anthropic cache tokens are additive', () => {
  const canonical: CanonicalUsage = {
    inputTokens: 69,
    outputTokens: 46,
    cacheReadTokens: 1024,
    cacheWriteTokens: 0,
    reasoningTokens: 12,
  };

  it.each([
    [
      {
        prompt_tokens: 1093,
        completion_tokens: 46,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 12 },
      },
      canonical,
    ],
    [
      { prompt_tokens: 10, completion_tokens: 2 },
      { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 },
    ],
    // A server reporting more cached than prompt tokens must not yield negative input.
    [
      { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 9 } },
      { inputTokens: 0, outputTokens: 1, cacheReadTokens: 5, cacheWriteTokens: 0 },
    ],
  ])('Chat usage %j decodes to %j', (wire, expected) => {
    expect(decodeOpenAiChatUsage(wire)).toEqual(expected);
  });

  it('Chat encoding folds cache reads and writes back into prompt_tokens', () => {
    expect(encodeOpenAiChatUsage({ ...canonical, cacheWriteTokens: 100 })).toEqual({
      prompt_tokens: 1193,
      completion_tokens: 46,
      total_tokens: 1239,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });

  it('Responses usage decodes the same way', () => {
    const wire = {
      input_tokens: 1093,
      output_tokens: 46,
      input_tokens_details: { cached_tokens: 1024 },
      output_tokens_details: { reasoning_tokens: 12 },
    };
    expect(decodeResponsesUsage(wire)).toEqual(canonical);
    expect(encodeResponsesUsage(canonical)).toMatchObject({ ...wire, total_tokens: 1139 });
  });

  it('Anthropic usage maps one to one', () => {
    const wire = {
      input_tokens: 472,
      output_tokens: 89,
      cache_read_input_tokens: 10240,
      cache_creation_input_tokens: 2048,
    };
    const decoded = decodeAnthropicUsage(wire);
    expect(decoded).toEqual({
      inputTokens: 472,
      outputTokens: 89,
      cacheReadTokens: 10240,
      cacheWriteTokens: 2048,
    });
    expect(encodeAnthropicUsage(decoded)).toEqual(wire);
  });
});
