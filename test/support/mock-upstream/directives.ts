// `mock:` directives steer the mock from inside the prompt, so a test can drive it through a gateway or
// a real CLI that adds requests of its own. Only the LAST user message is read: in a tool round trip
// that message holds the tool_result, which is how the loop ends.
//
//   mock:echo               reply with the message's text        mock:think         thinking block, then text
//   mock:bash <command>     Bash tool_use (if a Bash tool exists) mock:long <n>      n text_delta events
//   mock:tool <name> <json> tool_use with that input              mock:slow <ms>     pause between events (modifier)
//   mock:error <status> [message]                                 mock:leak          400 quoting the caller's key
//   mock:stream-error       error event mid-stream                mock:break <n>     drop the socket after n events
//   mock:reset              drop the socket before any header     mock:hang          never answer
// No directive and a tool_result in the message: reply `Tool result: <its text, trimmed>`.
import {
  isJsonObject,
  type JsonObject,
  type MessagesRequest,
  type RequestMessage,
} from './messages-request.js';
import type { Scenario } from './types.js';

// A directive's argument runs to the end of the line or to the next directive on the same line.
const DIRECTIVE_PATTERN = /mock:([a-z-]+)(?:[ \t]+((?:(?!mock:)[^\n])*))?/g;

interface Directive {
  name: string;
  argument: string;
}

function lastUserMessage(messages: readonly RequestMessage[]): RequestMessage | undefined {
  return messages.findLast((message) => message.role === 'user');
}

function textOfBlocks(blocks: readonly JsonObject[]): string {
  return blocks
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text)
    .join('\n');
}

/** The text blocks of a message (tool results excluded), joined by newlines. */
export function messageText(message: RequestMessage): string {
  return typeof message.content === 'string' ? message.content : textOfBlocks(message.content);
}

export function lastUserText(request: MessagesRequest): string {
  const message = lastUserMessage(request.messages);
  return message ? messageText(message) : '';
}

function toolResultText(message: RequestMessage): string | undefined {
  if (typeof message.content === 'string') return undefined;
  const result = message.content.find((block) => block.type === 'tool_result');
  if (!result) return undefined;
  if (typeof result.content === 'string') return result.content;
  return Array.isArray(result.content) ? textOfBlocks(result.content.filter(isJsonObject)) : '';
}

function parseDirectives(text: string): Directive[] {
  return [...text.matchAll(DIRECTIVE_PATTERN)].map((match) => ({
    name: match[1] ?? '',
    argument: (match[2] ?? '').trim(),
  }));
}

function parseCount(argument: string, directive: string): number | Scenario {
  const value = Number.parseInt(argument, 10);
  if (Number.isInteger(value) && value >= 0) return value;
  return { kind: 'error', status: 400, message: `mock:${directive} needs a non-negative integer` };
}

function parseToolDirective(argument: string): Scenario {
  const [name = '', ...rest] = argument.split(/\s+/);
  try {
    const input: unknown = JSON.parse(rest.join(' ') || '{}');
    if (isJsonObject(input) && name !== '') return { kind: 'tool', name, input };
  } catch {
    // fall through to the explanatory error below
  }
  return { kind: 'error', status: 400, message: 'mock:tool needs a tool name and a JSON object' };
}

function parseErrorDirective(argument: string): Scenario {
  const [statusText = '', ...words] = argument.split(/\s+/);
  const status = Number.parseInt(statusText, 10);
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    return { kind: 'error', status: 400, message: 'mock:error needs a status between 400 and 599' };
  }
  const message = words.join(' ');
  return message === '' ? { kind: 'error', status } : { kind: 'error', status, message };
}

function scenarioOfDirective(directive: Directive): Scenario | undefined {
  const { name, argument } = directive;
  switch (name) {
    case 'echo':
      return { kind: 'echo' };
    case 'bash':
      return { kind: 'bash', command: argument };
    case 'tool':
      return parseToolDirective(argument);
    case 'think':
      return { kind: 'think' };
    case 'long': {
      const deltas = parseCount(argument, name);
      return typeof deltas === 'number' ? { kind: 'long', deltas } : deltas;
    }
    case 'error':
      return parseErrorDirective(argument);
    case 'leak':
      return { kind: 'leak' };
    case 'stream-error':
      return { kind: 'stream-error' };
    case 'break': {
      const afterEvents = parseCount(argument, name);
      return typeof afterEvents === 'number' ? { kind: 'break', afterEvents } : afterEvents;
    }
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    default:
      return undefined;
  }
}

/** `mock:slow <ms>` is a modifier: it combines with the other directive, if any. */
function applySlow(scenario: Scenario, delayMs: number | undefined): Scenario {
  if (delayMs === undefined) return scenario;
  switch (scenario.kind) {
    case 'error':
    case 'leak':
    case 'reset':
    case 'hang':
      return scenario;
    default:
      return { ...scenario, delayMs };
  }
}

/** Chooses the scenario for a request that has no enqueued scenario. */
export function scenarioFromRequest(request: MessagesRequest): Scenario {
  const message = lastUserMessage(request.messages);
  if (!message) return { kind: 'text' };
  const directives = parseDirectives(messageText(message));
  let delayMs: number | undefined;
  let chosen: Scenario | undefined;
  for (const directive of directives) {
    if (directive.name === 'slow') {
      const parsed = parseCount(directive.argument, 'slow');
      if (typeof parsed !== 'number') return parsed;
      delayMs = parsed;
    } else {
      chosen ??= scenarioOfDirective(directive);
    }
  }
  if (chosen) return applySlow(chosen, delayMs);
  const toolResult = toolResultText(message);
  const fallback: Scenario =
    toolResult === undefined ? { kind: 'text' } : { kind: 'text', text: `Tool result: ${toolResult.trim()}` };
  return applySlow(fallback, delayMs);
}
