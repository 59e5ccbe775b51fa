// Turns a scenario into what the mock will do — a reply already cut into the pieces a stream sends, or
// one of the failure behaviours — and applies the request's limits to the reply.
//
// Limits: `stop` (Chat) cuts the text at the earliest stop sequence (finish_reason stays `stop`, as the
// API reports it). The output budget — max_completion_tokens / max_tokens / max_output_tokens × 4
// characters, the inverse of the token formula — is spent on text, then on the tool call; text is cut
// at the budget and a tool call that does not fit whole is dropped. The reply is then `truncated`
// (Chat finish_reason `length`, Responses status `incomplete`). Reasoning is not charged to the budget.
import { truncatePieces } from '../mock-upstream/reply-limits.js';
import { splitIntoWordPieces } from '../mock-upstream/responders.js';
import type { ConversationView } from './parse-request.js';
import { countTokens, type TokenCounts } from './token-counting.js';
import type { Scenario } from './types.js';

export const DEFAULT_TEXT = 'Hello from the mock OpenAI upstream.';
export const DEFAULT_REASONING = 'The user wants a reply from the mock. I will give one.';

export interface PlannedToolCall {
  /** `call_…`: what Chat calls `id` and Responses `call_id`. */
  callId: string;
  name: string;
  arguments: string;
}

export interface PlannedReply {
  reasoning: string[];
  text: string[];
  toolCall: PlannedToolCall | undefined;
  cachedTokens: number;
}

export interface FinishedReply extends PlannedReply {
  /** The output budget ran out (Chat `length`, Responses `incomplete`). */
  truncated: boolean;
  counts: TokenCounts;
}

export type MockAction =
  | { action: 'reply'; reply: PlannedReply; delayMs: number; breakAfter: number | undefined }
  | { action: 'error'; status: number; message?: string; code?: string }
  | { action: 'reset' }
  | { action: 'hang' };

function reply(parts: Partial<PlannedReply>, delayMs = 0, breakAfter?: number): MockAction {
  const planned: PlannedReply = { reasoning: [], text: [], toolCall: undefined, cachedTokens: 0, ...parts };
  return { action: 'reply', reply: planned, delayMs, breakAfter };
}

const textOf = (text: string) => ({ text: splitIntoWordPieces(text) });

/** `serial` makes call ids unique per mock instance. */
export function planAction(scenario: Scenario, view: ConversationView, serial: number): MockAction {
  switch (scenario.kind) {
    case 'text':
      return reply(textOf(scenario.text ?? DEFAULT_TEXT), scenario.delayMs);
    case 'echo':
      return reply(textOf(view.userText ?? ''), scenario.delayMs);
    case 'slow':
      return reply(textOf(DEFAULT_TEXT), scenario.delayMs);
    case 'cached':
      return reply(
        { ...textOf(scenario.text ?? DEFAULT_TEXT), cachedTokens: scenario.cachedTokens },
        scenario.delayMs,
      );
    case 'tool': {
      const toolCall = {
        callId: `call_mock_${serial}`,
        name: scenario.name,
        arguments: JSON.stringify(scenario.arguments),
      };
      return reply({ toolCall }, scenario.delayMs);
    }
    case 'think':
      return reply(
        {
          reasoning: splitIntoWordPieces(scenario.reasoning ?? DEFAULT_REASONING),
          ...textOf(scenario.text ?? DEFAULT_TEXT),
        },
        scenario.delayMs,
      );
    case 'long':
      return reply(
        { text: Array.from({ length: scenario.deltas }, (_, index) => `chunk ${index + 1}. `) },
        scenario.delayMs,
      );
    case 'break':
      return reply(textOf(DEFAULT_TEXT), scenario.delayMs, scenario.afterEvents);
    case 'error':
      return { action: 'error', status: scenario.status, message: scenario.message, code: scenario.code };
    case 'reset':
    case 'hang':
      return { action: scenario.kind };
    default: {
      const unknownScenario: never = scenario;
      throw new Error(`Unhandled scenario ${JSON.stringify(unknownScenario)}`);
    }
  }
}

function cutAtStopSequence(pieces: string[], stop: readonly string[]): string[] {
  const text = pieces.join('');
  const hits = stop.map((sequence) => text.indexOf(sequence)).filter((at) => at >= 0);
  return hits.length === 0 ? pieces : truncatePieces(pieces, Math.min(...hits));
}

export function finishReply(planned: PlannedReply, view: ConversationView): FinishedReply {
  let text = cutAtStopSequence(planned.text, view.stop);
  let toolCall = planned.toolCall;
  let budget = view.maxOutputTokens * 4;
  const textLength = text.join('').length;
  let truncated = false;
  if (textLength > budget) {
    text = truncatePieces(text, budget);
    truncated = true;
  }
  budget -= textLength;
  if (toolCall && toolCall.arguments.length > budget) {
    toolCall = undefined;
    truncated = true;
  }
  const counts = countTokens({
    promptTokens: view.promptTokens,
    cachedTokens: planned.cachedTokens,
    visibleCharacters: text.join('').length + (toolCall?.arguments.length ?? 0),
    reasoningCharacters: planned.reasoning.join('').length,
  });
  return { ...planned, text, toolCall, truncated, counts };
}
