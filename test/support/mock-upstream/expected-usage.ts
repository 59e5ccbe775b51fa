import { estimateOutputTokens } from '../../../src/usage/estimate-prompt-tokens.js';
import type { AnthropicUsage, RecordedRequest } from './types.js';

/**
 * The usage Gatehouse must record for one request the mock answered: what the mock reported, except
 * for a stream cut short before its final usage. There the mock only ever said message_start's
 * placeholder `output_tokens`, and SPEC §6 has Gatehouse count the output it relayed (the larger of
 * the two, marked estimated), so the expectation is that same count of the content the mock sent.
 */
export async function usageGatehouseRecords(request: RecordedRequest): Promise<AnthropicUsage | undefined> {
  const { reported, contentBeforeCut } = request;
  if (!reported || contentBeforeCut === undefined) return reported;
  const counted = await estimateOutputTokens({ text: contentBeforeCut, unreadCharacters: 0 }, 'anthropic');
  return { ...reported, output_tokens: Math.max(reported.output_tokens, counted) };
}
