import type { ReasoningEffort } from './canonical-request.js';

/**
 * Anthropic takes a thinking budget in tokens (minimum 1024, below `max_tokens`); OpenAI takes an
 * effort level. Neither vendor publishes an equivalence, so this table is Gatehouse's own choice,
 * kept in one place and documented in docs/translation.md.
 */
export const budgetByEffort: Readonly<Record<ReasoningEffort, number>> = {
  low: 2048,
  medium: 8192,
  high: 24576,
};

/** Anthropic's documented minimum `thinking.budget_tokens`. */
export const minimumThinkingBudget = 1024;

export function budgetForEffort(effort: ReasoningEffort): number {
  return budgetByEffort[effort];
}

export function effortForBudget(budgetTokens: number): ReasoningEffort {
  if (budgetTokens <= 4096) return 'low';
  if (budgetTokens <= 16384) return 'medium';
  return 'high';
}
