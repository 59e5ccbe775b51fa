// Deterministic token arithmetic, so tests can predict every number the mock reports.
//
//   tokensOf(x)   = ceil(UTF-8 byte length of JSON.stringify(x) / 4)
//   prompt total  = tokensOf({ system, messages, tools })          (absent keys are dropped by JSON)
//   output tokens = max(1, ceil(characters of thinking + text + JSON.stringify(tool input) / 4))
//
// Prompt caching (https://docs.claude.com/en/docs/build-with-claude/prompt-caching): the prompt is read
// in cache order — tools, then system blocks, then message content blocks — as a list of segments.
// A segment carrying `cache_control` is a breakpoint; the prefix up to and including it costs
// tokensOf(segments.slice(0, i + 1)). The longest breakpoint prefix already seen (same model) is a
// cache read; the rest up to the last breakpoint is a cache write, attributed per stretch to the TTL of
// the breakpoint closing it (`cache_control.ttl`, default 5m). input_tokens = total − last prefix,
// because Anthropic reports input_tokens excluding both cache classes. Unlike the real API there is
// no minimum cacheable length, so small test prompts cache too.
import { createHash } from 'node:crypto';
import { isJsonObject, type MessagesRequest } from './messages-request.js';
import type { CacheTtl, InputUsage, ResponseContentBlock } from './types.js';

export function tokensOf(value: unknown): number {
  return Math.ceil(Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') / 4);
}

export function countPromptTokens(request: Pick<MessagesRequest, 'system' | 'messages' | 'tools'>): number {
  return tokensOf({ system: request.system, messages: request.messages, tools: request.tools });
}

export function countOutputTokens(blocks: readonly ResponseContentBlock[]): number {
  let characters = 0;
  for (const block of blocks) {
    if (block.type === 'text') characters += block.text.length;
    else if (block.type === 'thinking') characters += block.thinking.length;
    else characters += JSON.stringify(block.input).length;
  }
  return Math.max(1, Math.ceil(characters / 4));
}

interface CacheBreakpoint {
  key: string;
  prefixTokens: number;
  ttl: CacheTtl;
}

function promptSegments(request: MessagesRequest): unknown[] {
  const segments: unknown[] = [...(request.tools ?? [])];
  if (typeof request.system === 'string') segments.push(request.system);
  else if (request.system) segments.push(...request.system);
  for (const message of request.messages) {
    const blocks = typeof message.content === 'string' ? [message.content] : message.content;
    // The role is part of the segment so that the same text said by another role is another prefix.
    for (const block of blocks) segments.push({ role: message.role, block });
  }
  return segments;
}

function cacheControlOf(segment: unknown): Record<string, unknown> | undefined {
  const holder = isJsonObject(segment) && isJsonObject(segment.block) ? segment.block : segment;
  return isJsonObject(holder) && isJsonObject(holder.cache_control) ? holder.cache_control : undefined;
}

function findCacheBreakpoints(request: MessagesRequest): CacheBreakpoint[] {
  const segments = promptSegments(request);
  const breakpoints: CacheBreakpoint[] = [];
  segments.forEach((segment, index) => {
    const cacheControl = cacheControlOf(segment);
    if (!cacheControl) return;
    const prefix = segments.slice(0, index + 1);
    const key = createHash('sha256')
      .update(request.model)
      .update('\n')
      .update(JSON.stringify(prefix))
      .digest('hex');
    breakpoints.push({ key, prefixTokens: tokensOf(prefix), ttl: cacheControl.ttl === '1h' ? '1h' : '5m' });
  });
  return breakpoints;
}

export interface PromptCache {
  /** Input-side usage of a /v1/messages request; remembers its cache prefixes for later requests. */
  accountInput(request: MessagesRequest): InputUsage;
  clear(): void;
}

export function createPromptCache(): PromptCache {
  const seenPrefixes = new Set<string>();

  function accountInput(request: MessagesRequest): InputUsage {
    const total = countPromptTokens(request);
    const breakpoints = findCacheBreakpoints(request);
    const usage: InputUsage = {
      input_tokens: total,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    const last = breakpoints.at(-1);
    if (!last) return usage;
    const hitIndex = breakpoints.findLastIndex((breakpoint) => seenPrefixes.has(breakpoint.key));
    const readTokens = hitIndex >= 0 ? breakpoints[hitIndex]!.prefixTokens : 0;
    let previousTokens = readTokens;
    for (const breakpoint of breakpoints.slice(hitIndex + 1)) {
      const written = breakpoint.prefixTokens - previousTokens;
      if (breakpoint.ttl === '1h') usage.cache_creation.ephemeral_1h_input_tokens += written;
      else usage.cache_creation.ephemeral_5m_input_tokens += written;
      previousTokens = breakpoint.prefixTokens;
    }
    for (const breakpoint of breakpoints) seenPrefixes.add(breakpoint.key);
    usage.cache_read_input_tokens = readTokens;
    usage.cache_creation_input_tokens = last.prefixTokens - readTokens;
    usage.input_tokens = Math.max(0, total - last.prefixTokens);
    return usage;
  }

  return { accountInput, clear: () => seenPrefixes.clear() };
}
