import { parseJsonObject } from '../canonical/json-value.js';

/** Raw event data held per stream; beyond this only the length is counted (see `unreadCharacters`). */
const maxHeldCharacters = 4 * 1024 * 1024;

/**
 * The content events a stream relayed, kept unparsed so a finished stream costs nothing more than a
 * reference per event. Read only when a stream is cut short (the client went away, the upstream broke)
 * and its final usage never came: the record then counts the output that was relayed (SPEC §6).
 */
export class RelayedContent {
  private readonly events: string[] = [];
  private held = 0;
  private unread = 0;

  keep(data: string): void {
    if (this.held + data.length > maxHeldCharacters) {
      this.unread += data.length;
      return;
    }
    this.events.push(data);
    this.held += data.length;
  }

  /** The text, reasoning and tool-argument strings of the kept events' deltas, in order. */
  text(): string {
    const parts: string[] = [];
    for (const data of this.events) collectDeltaText(parseJsonObject(data), parts);
    return parts.join('');
  }

  /** Raw event characters past the cap, not kept. */
  get unreadCharacters(): number {
    return this.unread;
  }
}

/**
 * Every dialect puts a stream's new content under a `delta`: Anthropic `delta.text` / `thinking` /
 * `partial_json`, Chat Completions `choices[].delta.content` / `tool_calls[].function.arguments`,
 * Responses `delta` as a string. Strings under it are content, except the names of things.
 */
function collectDeltaText(event: Record<string, unknown> | undefined, into: string[]): void {
  if (!event) return;
  collectStrings(event.delta, into);
  if (Array.isArray(event.choices))
    for (const choice of event.choices) collectStrings((choice as { delta?: unknown })?.delta, into);
}

const notContent = new Set(['type', 'role', 'id', 'signature', 'index', 'refusal_type']);

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [name, field] of Object.entries(value)) if (!notContent.has(name)) collectStrings(field, into);
}
