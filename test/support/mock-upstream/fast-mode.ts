// Benchmark mode: POST /v1/messages answered from precomputed bytes. The body is drained but never
// parsed; `"stream":true` is found by a byte search; nothing is recorded. Only the key is checked,
// so a gateway that forgets to send the account's credential still fails loudly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitHeaders, sendError, upstreamHeaders } from './http-replies.js';
import { finishReply } from './reply-limits.js';
import { DEFAULT_TEXT, splitIntoWordPieces } from './responders.js';
import { encodeSseEvent, SSE_CONTENT_TYPE } from './sse-writer.js';
import { buildMessage, buildStreamEvents } from './stream-events.js';
import type { AnthropicUsage } from './types.js';

export const FAST_MODEL = 'claude-sonnet-4-5-20250929';

/** Fixed numbers: fast mode does not look at the prompt, so it cannot count it. */
export const FAST_USAGE: AnthropicUsage = {
  input_tokens: 25,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  output_tokens: 8,
  service_tier: 'standard',
};

const STREAM_MARKERS = ['"stream":true', '"stream": true'];

function precomputeBodies() {
  const reply = finishReply([{ type: 'text', pieces: splitIntoWordPieces(DEFAULT_TEXT) }], {
    maxTokens: Number.POSITIVE_INFINITY,
    stopSequences: [],
  });
  const identity = { id: 'msg_mock_fast', model: FAST_MODEL };
  return {
    json: Buffer.from(JSON.stringify(buildMessage(reply, identity, FAST_USAGE))),
    sse: Buffer.from(buildStreamEvents(reply, identity, FAST_USAGE).map(encodeSseEvent).join('')),
  };
}

export type FastMessagesHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
) => void;

export function createFastMessagesHandler(apiKey: string): FastMessagesHandler {
  const bodies = precomputeBodies();
  const bearer = `Bearer ${apiKey}`;
  // The rate-limit reset is frozen at start-up: recomputing dates per request costs throughput.
  const staticHeaders = { ...upstreamHeaders(''), ...rateLimitHeaders(new Date(Date.now() + 60_000), 999) };
  const jsonHeaders = {
    ...staticHeaders,
    'content-type': 'application/json',
    'content-length': String(bodies.json.length),
  };
  const sseHeaders = { ...staticHeaders, 'content-type': SSE_CONTENT_TYPE, 'cache-control': 'no-cache' };

  return function handleFastMessage(request, response, requestId) {
    const authorized = request.headers['x-api-key'] === apiKey || request.headers.authorization === bearer;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!authorized) {
        sendError(response, 401, undefined, upstreamHeaders(requestId));
        return;
      }
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const streamed = STREAM_MARKERS.some((marker) => body.includes(marker));
      response.writeHead(200, { ...(streamed ? sseHeaders : jsonHeaders), 'request-id': requestId });
      response.end(streamed ? bodies.sse : bodies.json);
    });
  };
}
