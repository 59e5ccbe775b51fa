/** The API dialects Gatehouse speaks, with clients and with upstreams. Gemini joins as a fourth. */
export const dialects = ['anthropic', 'openai-chat', 'openai-responses'] as const;
export type Dialect = (typeof dialects)[number];
