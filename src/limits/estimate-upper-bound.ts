import { readTopLevelFields } from '../relay/top-level-json-field.js';
import { computeCost } from '../usage/compute-cost.js';
import type { ChargedUsage } from './request-limits.js';

/** Output tokens assumed when a request names no maximum (OpenAI makes it optional). */
const defaultMaxOutputTokens = 16_384;

/**
 * An upper bound on what a request can cost, reserved against budgets before it runs. Input: the body's
 * size in bytes (every token covers at least one byte, so this never counts low). Output: the request's
 * own maximum (`max_tokens`, `max_completion_tokens`, `max_output_tokens`). Priced at the requested
 * model's rates; a model the price table does not know costs 0 here as in its usage record.
 */
export function estimateUpperBound(body: Buffer): ChargedUsage {
  const fields = readTopLevelFields(body, [
    'model',
    'max_tokens',
    'max_completion_tokens',
    'max_output_tokens',
  ]);
  const maximum = [fields?.max_tokens, fields?.max_completion_tokens, fields?.max_output_tokens].find(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0,
  );
  const outputTokens = Math.ceil(maximum ?? defaultMaxOutputTokens);
  const inputTokens = body.length;
  const model = typeof fields?.model === 'string' ? fields.model : '';
  const cost = computeCost(model, {
    inputTokens,
    outputTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
  });
  return { tokens: inputTokens + outputTokens, cost };
}
