/** The client family a request came from, by user-agent, for usage records and client allowlists. */
const families: ReadonlyArray<readonly [RegExp, string]> = [
  [/^claude-cli\//, 'claude-code'],
  [/^codex/i, 'codex'],
  [/^Anthropic\/JS/, 'anthropic-sdk-js'],
  [/^Anthropic\/Python/, 'anthropic-sdk-python'],
  [/^OpenAI\//, 'openai-sdk'],
  [/^curl\//, 'curl'],
  [/Mozilla\//, 'browser'],
];

export function clientFamilyOf(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  for (const [pattern, family] of families) if (pattern.test(userAgent)) return family;
  return 'other';
}
