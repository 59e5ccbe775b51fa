// The one-request sanity check that runs before any load: a target that returns fast errors (or 200
// with the wrong body) is caught before its numbers look good. What counts as an answer depends on
// the workload: an Anthropic message or stream, or a stream of Chat Completions chunks.
import { request } from 'undici';
import type { Target } from './targets.js';
import { requestShape, type Workload } from './workloads.js';

interface Answer {
  contentType: string;
  text: string;
}

interface Expectation {
  description: string;
  accepts: (answer: Answer) => boolean;
}

const isSse = (answer: Answer): boolean => answer.contentType.startsWith('text/event-stream');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `data:` payloads of an SSE body, one per event, in order. */
function ssePayloads(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '');
}

/** Chunks that all parse as `chat.completion.chunk`, some text among them, a finish, then `[DONE]`. */
function isChatCompletionStream(text: string): boolean {
  const payloads = ssePayloads(text);
  if (payloads.at(-1) !== '[DONE]') return false;
  const chunks = payloads.slice(0, -1).map(parseJson);
  if (chunks.length === 0 || !chunks.every((c) => isObject(c) && c.object === 'chat.completion.chunk')) {
    return false;
  }
  const choices = chunks.flatMap((chunk) =>
    isObject(chunk) && Array.isArray(chunk.choices) ? chunk.choices.filter(isObject) : [],
  );
  const texts = choices.map((choice) => (isObject(choice.delta) ? choice.delta.content : undefined));
  const hasText = texts.some((content) => typeof content === 'string' && content.length > 0);
  return hasText && choices.some((choice) => typeof choice.finish_reason === 'string');
}

function expectationFor(workload: Workload): Expectation {
  if (workload.dialect === 'openai-chat') {
    if (!workload.stream) throw new Error(`${workload.name}: only streamed Chat Completions are checked`);
    return {
      description: 'an SSE stream of chat.completion.chunk events ending in data: [DONE]',
      accepts: (answer) => isSse(answer) && isChatCompletionStream(answer.text),
    };
  }
  if (workload.stream) {
    return {
      description: 'an SSE stream ending in message_stop',
      accepts: (answer) => isSse(answer) && /event: ?message_stop/.test(answer.text),
    };
  }
  return {
    description: 'a JSON message',
    accepts: (answer) => {
      const parsed = parseJson(answer.text);
      return isObject(parsed) && parsed.type === 'message';
    },
  };
}

/** Sends one request of the workload and throws unless a real answer comes back. */
export async function checkTarget(target: Target, workload: Workload): Promise<void> {
  const expected = expectationFor(workload);
  const shape = requestShape(workload, target);
  const response = await request(`${shape.origin}${shape.path}`, {
    method: 'POST',
    headers: shape.headers,
    body: shape.body,
  });
  const contentType = String(response.headers['content-type'] ?? '');
  const text = await response.body.text();
  if (response.statusCode !== 200 || !expected.accepts({ contentType, text })) {
    throw new Error(
      `${target.name} answered ${workload.name} with HTTP ${response.statusCode} (${contentType || 'no content-type'}), expected 200 and ${expected.description}: ${text.slice(0, 300)}`,
    );
  }
}
