/** The wire formats translation converts between. Gemini joins here as a fourth member. */
export const dialects = ['anthropic', 'openai-chat', 'openai-responses'] as const;
export type Dialect = (typeof dialects)[number];
