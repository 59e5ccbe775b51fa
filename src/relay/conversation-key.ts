import { hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { findTopLevelRanges, firstArrayElementRange, type ValueRange } from './top-level-json-field.js';

/**
 * The key that identifies one conversation, for sticky sessions, in this order (issue: scheduling):
 * Claude Code's `x-claude-code-session-id` header; Codex's `session-id` header; the session inside
 * Claude Code's `metadata.user_id`; an explicit `x-gatehouse-session` header; otherwise a hash of the
 * first message. Always scoped by the Gatehouse key, so one caller can never steer another's mapping.
 */
export function conversationKey(keyId: string, headers: IncomingHttpHeaders, body: Buffer): string {
  const fromHeaders = headerText(headers['x-claude-code-session-id']) ?? headerText(headers['session-id']);
  if (fromHeaders) return `${keyId}:${fromHeaders}`;
  // One walk of the body finds both members the remaining sources need.
  const ranges = findTopLevelRanges(body, ['metadata', 'messages']);
  const explicit =
    sessionFromMetadata(body, ranges?.get('metadata')) ?? headerText(headers['x-gatehouse-session']);
  if (explicit) return `${keyId}:${explicit}`;
  return `${keyId}:#${firstMessageHash(body, ranges?.get('messages'))}`;
}

function headerText(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 256 ? text : undefined;
}

/**
 * Claude Code's `metadata.user_id`: a JSON string `{"device_id","account_uuid","session_id"}` in current
 * releases, `user_<hash>_account_<uuid>_session_<uuid>` in older ones.
 */
function sessionFromMetadata(body: Buffer, range: ValueRange | undefined): string | undefined {
  if (!range || body[range.start] !== 0x7b) return undefined;
  try {
    const metadata = JSON.parse(body.toString('utf8', range.start, range.end)) as {
      user_id?: unknown;
    };
    if (typeof metadata.user_id !== 'string') return undefined;
    const legacy = /_session_([0-9a-fA-F-]{8,})$/.exec(metadata.user_id);
    if (legacy) return legacy[1];
    const parsed = JSON.parse(metadata.user_id) as { session_id?: unknown };
    return typeof parsed.session_id === 'string' ? parsed.session_id : undefined;
  } catch {
    return undefined;
  }
}

function firstMessageHash(body: Buffer, messages: ValueRange | undefined): string {
  const first = messages ? firstArrayElementRange(body, messages) : undefined;
  const bytes = first ? body.subarray(first.start, first.end) : body.subarray(0, 0);
  // One-shot hashing: no Hash object per request. SHA-1 suffices: this spreads conversations, it
  // guards nothing.
  return hash('sha1', bytes, 'base64url');
}
