// `mock:` directives steer the mock from inside the prompt, so a test can drive it through a gateway or
// a real CLI (Codex) that adds requests and context of its own. Only the final user turn is read
// (Chat: the last `user` message; Responses: the last user input item); when tool results follow it,
// directives are not read at all and the answer is `Tool result: <output>`, which ends a tool loop.
//
//   mock:echo               reply with the user text               mock:think         reasoning, then text
//   mock:tool <name> <json> a function call with those arguments   mock:long <n>      n text deltas
//   mock:error <status> [message | insufficient_quota]             mock:slow <ms>     pause between events (modifier)
//   mock:cached <n>         report n cached prompt tokens          mock:break <n>     drop the socket after n events
//   mock:reset              drop the socket before any header      mock:hang          never answer
import type { Scenario } from './types.js';

// A directive's argument runs to the end of the line or to the next directive on the same line.
const DIRECTIVE_PATTERN = /mock:([a-z-]+)(?:[ \t]+((?:(?!mock:)[^\n])*))?/g;

interface Directive {
  name: string;
  argument: string;
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
    const parsed: unknown = JSON.parse(rest.join(' ') || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && name !== '') {
      return { kind: 'tool', name, arguments: parsed as Record<string, unknown> };
    }
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
  if (message === 'insufficient_quota') return { kind: 'error', status, code: 'insufficient_quota' };
  return message === '' ? { kind: 'error', status } : { kind: 'error', status, message };
}

function withCount(argument: string, name: string, make: (count: number) => Scenario): Scenario {
  const count = parseCount(argument, name);
  return typeof count === 'number' ? make(count) : count;
}

function scenarioOfDirective(directive: Directive): Scenario | undefined {
  const { name, argument } = directive;
  switch (name) {
    case 'echo':
      return { kind: 'echo' };
    case 'tool':
      return parseToolDirective(argument);
    case 'think':
      return { kind: 'think' };
    case 'long':
      return withCount(argument, name, (deltas) => ({ kind: 'long', deltas }));
    case 'cached':
      return withCount(argument, name, (cachedTokens) => ({ kind: 'cached', cachedTokens }));
    case 'error':
      return parseErrorDirective(argument);
    case 'break':
      return withCount(argument, name, (afterEvents) => ({ kind: 'break', afterEvents }));
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
    case 'reset':
    case 'hang':
      return scenario;
    default:
      return { ...scenario, delayMs };
  }
}

/** Chooses the scenario for a request that has no enqueued scenario. */
export function scenarioFromTurn(turn: {
  userText: string | undefined;
  toolOutput: string | undefined;
}): Scenario {
  if (turn.toolOutput !== undefined) return { kind: 'text', text: `Tool result: ${turn.toolOutput.trim()}` };
  let delayMs: number | undefined;
  let chosen: Scenario | undefined;
  for (const directive of parseDirectives(turn.userText ?? '')) {
    if (directive.name === 'slow') {
      const parsed = parseCount(directive.argument, 'slow');
      if (typeof parsed !== 'number') return parsed;
      delayMs = parsed;
    } else {
      chosen ??= scenarioOfDirective(directive);
    }
  }
  return applySlow(chosen ?? { kind: 'text' }, delayMs);
}
