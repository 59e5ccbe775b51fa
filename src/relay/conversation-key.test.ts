import { describe, expect, it } from 'vitest';
import { conversationKey } from './conversation-key.js';

const body = (fields: Record<string, unknown>) =>
  Buffer.from(
    JSON.stringify({
      model: 'm',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'x' },
      ],
      ...fields,
    }),
  );

describe('conversationKey', () => {
  it('prefers the Claude Code session header, then Codex, then metadata, then the explicit header', () => {
    const metadata = {
      metadata: {
        user_id: JSON.stringify({ device_id: 'd', account_uuid: 'a', session_id: 'meta-session' }),
      },
    };
    expect(
      conversationKey('k', { 'x-claude-code-session-id': 'cc', 'session-id': 'codex' }, body(metadata)),
    ).toBe('k:cc');
    expect(
      conversationKey('k', { 'session-id': 'codex', 'x-gatehouse-session': 'explicit' }, body(metadata)),
    ).toBe('k:codex');
    expect(conversationKey('k', { 'x-gatehouse-session': 'explicit' }, body(metadata))).toBe(
      'k:meta-session',
    );
    expect(conversationKey('k', { 'x-gatehouse-session': 'explicit' }, body({}))).toBe('k:explicit');
  });

  it('reads the legacy metadata.user_id format', () => {
    const legacy = {
      metadata: { user_id: 'user_abc123_account_1111-2222_session_3f2c9a10-aaaa-bbbb-cccc-1234567890ab' },
    };
    expect(conversationKey('k', {}, body(legacy))).toBe('k:3f2c9a10-aaaa-bbbb-cccc-1234567890ab');
  });

  it('falls back to a hash of the first message, stable as the conversation grows', () => {
    const short = Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'first' }] }));
    const longer = body({ system: 'added later' });
    const other = Buffer.from(
      JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'another' }] }),
    );
    expect(conversationKey('k', {}, short)).toBe(conversationKey('k', {}, longer));
    expect(conversationKey('k', {}, short)).not.toBe(conversationKey('k', {}, other));
    expect(conversationKey('k', {}, short)).not.toBe(conversationKey('k2', {}, short));
  });

  it('never throws on odd bodies', () => {
    for (const text of [
      '{}',
      '{"messages":[]}',
      '{"messages":"x"}',
      '{"metadata":{"user_id":"{broken"}}',
      '[',
    ]) {
      expect(conversationKey('k', {}, Buffer.from(text))).toMatch(/^k:/);
    }
  });
});
