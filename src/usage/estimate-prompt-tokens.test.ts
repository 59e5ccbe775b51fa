import { describe, expect, it } from 'vitest';
import { estimatePromptTokens } from './estimate-prompt-tokens.js';

describe('estimatePromptTokens', () => {
  it('grows with the text and counts system, messages and tools', async () => {
    const small = await estimatePromptTokens({ messages: [{ role: 'user', content: 'hi' }] });
    const large = await estimatePromptTokens({
      system: [{ type: 'text', text: 'You are careful. '.repeat(50), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Explain '.repeat(100) }] }],
      tools: [
        {
          name: 'Bash',
          description: 'Run a command',
          input_schema: { type: 'object', properties: { command: { type: 'string' } } },
        },
      ],
    });
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small + 150);
  });

  it('errs high: at least the byte length divided by four for English text, and images at their upper bound', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    expect(
      await estimatePromptTokens({ messages: [{ role: 'user', content: text }] }),
    ).toBeGreaterThanOrEqual(text.length / 4);
    const withImage = await estimatePromptTokens({
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }],
        },
      ],
    });
    expect(withImage).toBeGreaterThanOrEqual(1600);
  });

  it('never throws on odd bodies', async () => {
    for (const body of [
      null,
      'text',
      { messages: 'x' },
      { messages: [null, 1, { content: { nested: ['a'] } }] },
    ]) {
      expect(await estimatePromptTokens(body)).toBeGreaterThanOrEqual(0);
    }
  });
});
