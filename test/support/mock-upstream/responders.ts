// Turns a scenario into what the mock will do: a reply made of content blocks already cut into the
// pieces a stream sends, or one of the failure behaviours.
import { lastUserText } from './directives.js';
import type { MessagesRequest } from './messages-request.js';
import type { Scenario } from './types.js';

export const DEFAULT_TEXT = 'Hello from the mock upstream.';
export const DEFAULT_THINKING = 'The user wants a reply from the mock. I will give one.';
// Thinking signatures are opaque to clients; any base64 string serves for a mock.
export const FAKE_SIGNATURE = Buffer.from('mock-thinking-signature').toString('base64');

export type PlannedBlock =
  | { type: 'text'; pieces: string[] }
  | { type: 'thinking'; pieces: string[]; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export type StreamEnding = { kind: 'complete' } | { kind: 'error' } | { kind: 'break'; afterEvents: number };

export type MockAction =
  | { action: 'reply'; blocks: PlannedBlock[]; delayMs: number; ending: StreamEnding }
  | { action: 'error'; status: number; message?: string }
  | { action: 'leak' }
  | { action: 'reset' }
  | { action: 'hang' };

/** Cuts text into pieces of a few words, the way text_delta events arrive from the real API. */
export function splitIntoWordPieces(text: string, wordsPerPiece = 2): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
  const pieces: string[] = [];
  for (let start = 0; start < words.length; start += wordsPerPiece) {
    pieces.push(words.slice(start, start + wordsPerPiece).join(''));
  }
  return pieces;
}

/**
 * Cuts serialized tool input into pieces that split mid-token, after an empty first piece: the real
 * API starts every tool_use block with `"partial_json": ""`, and clients must not parse per delta.
 */
export function splitToolJson(json: string, pieceCount = 3): string[] {
  const size = Math.max(1, Math.ceil(json.length / pieceCount));
  const pieces = [''];
  for (let start = 0; start < json.length; start += size) pieces.push(json.slice(start, start + size));
  return pieces;
}

function textBlock(text: string): PlannedBlock {
  return { type: 'text', pieces: splitIntoWordPieces(text) };
}

function longTextBlock(deltas: number): PlannedBlock {
  return { type: 'text', pieces: Array.from({ length: deltas }, (_, index) => `chunk ${index + 1}. `) };
}

function hasTool(request: MessagesRequest, name: string): boolean {
  return request.tools?.some((tool) => tool.name === name) ?? false;
}

function reply(blocks: PlannedBlock[], delayMs = 0, ending: StreamEnding = { kind: 'complete' }): MockAction {
  return { action: 'reply', blocks, delayMs, ending };
}

/** `serial` makes tool_use ids unique per mock instance. */
export function planAction(scenario: Scenario, request: MessagesRequest, serial: number): MockAction {
  const toolId = `toolu_mock_${serial}`;
  switch (scenario.kind) {
    case 'text':
      return reply([textBlock(scenario.text ?? DEFAULT_TEXT)], scenario.delayMs);
    case 'echo':
      return reply([textBlock(lastUserText(request))], scenario.delayMs);
    case 'slow':
      return reply([textBlock(DEFAULT_TEXT)], scenario.delayMs);
    case 'bash':
      if (!hasTool(request, 'Bash')) return reply([textBlock('mock: the request has no Bash tool')]);
      return reply(
        [
          {
            type: 'tool_use',
            id: toolId,
            name: 'Bash',
            input: { command: scenario.command, description: 'Run command' },
          },
        ],
        scenario.delayMs,
      );
    case 'tool':
      return reply(
        [{ type: 'tool_use', id: toolId, name: scenario.name, input: scenario.input }],
        scenario.delayMs,
      );
    case 'think':
      return reply(
        [
          {
            type: 'thinking',
            pieces: splitIntoWordPieces(scenario.thinking ?? DEFAULT_THINKING),
            signature: FAKE_SIGNATURE,
          },
          textBlock(scenario.text ?? DEFAULT_TEXT),
        ],
        scenario.delayMs,
      );
    case 'long':
      return reply([longTextBlock(scenario.deltas)], scenario.delayMs);
    case 'stream-error':
      return reply([textBlock(DEFAULT_TEXT)], scenario.delayMs, { kind: 'error' });
    case 'break':
      return reply([textBlock(DEFAULT_TEXT)], scenario.delayMs, {
        kind: 'break',
        afterEvents: scenario.afterEvents,
      });
    case 'error':
      return { action: 'error', status: scenario.status, message: scenario.message };
    case 'leak':
    case 'reset':
    case 'hang':
      return { action: scenario.kind };
    default: {
      const unknownScenario: never = scenario;
      throw new Error(`Unhandled scenario ${JSON.stringify(unknownScenario)}`);
    }
  }
}
