import { createParser } from 'eventsource-parser';
import { toApiError } from '../../../api/client';

export type Surface = 'anthropic' | 'openai-chat' | 'openai-responses';

export interface PlaygroundRequest {
  surface: Surface;
  model: string;
  apiKey: string;
  system: string;
  prompt: string;
  maxTokens: number;
}

export interface StreamUsage {
  inputTokens?: number;
  outputTokens?: number;
}

interface Wire {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The request each surface expects, streaming, with the key in that surface's usual header. */
function wireFor(request: PlaygroundRequest): Wire {
  const { surface, model, apiKey, system, prompt, maxTokens } = request;
  switch (surface) {
    case 'anthropic':
      return {
        path: '/v1/messages',
        headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
        body: {
          model,
          max_tokens: maxTokens,
          stream: true,
          ...(system ? { system } : {}),
          messages: [{ role: 'user', content: prompt }],
        },
      };
    case 'openai-chat':
      return {
        path: '/v1/chat/completions',
        headers: { authorization: `Bearer ${apiKey}` },
        body: {
          model,
          max_completion_tokens: maxTokens,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            ...(system ? [{ role: 'system', content: system }] : []),
            { role: 'user', content: prompt },
          ],
        },
      };
    case 'openai-responses':
      return {
        path: '/v1/responses',
        headers: { authorization: `Bearer ${apiKey}` },
        body: {
          model,
          max_output_tokens: maxTokens,
          stream: true,
          ...(system ? { instructions: system } : {}),
          input: prompt,
        },
      };
  }
}

/** Text and usage from one SSE event of the surface's stream. */
function readEvent(surface: Surface, data: unknown): { text?: string; usage?: StreamUsage; error?: string } {
  const event = data as Record<string, unknown>;
  switch (surface) {
    case 'anthropic': {
      if (event.type === 'content_block_delta') {
        const delta = event.delta as { type?: string; text?: string };
        return delta.type === 'text_delta' ? { text: delta.text ?? '' } : {};
      }
      if (event.type === 'message_start') {
        const usage = (event.message as { usage?: { input_tokens?: number } }).usage;
        return { usage: { inputTokens: usage?.input_tokens } };
      }
      if (event.type === 'message_delta') {
        const usage = event.usage as { output_tokens?: number } | undefined;
        return { usage: { outputTokens: usage?.output_tokens } };
      }
      if (event.type === 'error') return { error: (event.error as { message?: string })?.message ?? 'error' };
      return {};
    }
    case 'openai-chat': {
      const choice = (event.choices as Array<{ delta?: { content?: string } }> | undefined)?.[0];
      const usage = event.usage as { prompt_tokens?: number; completion_tokens?: number } | null | undefined;
      return {
        text: choice?.delta?.content ?? undefined,
        usage: usage
          ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens }
          : undefined,
        error: (event.error as { message?: string } | undefined)?.message,
      };
    }
    case 'openai-responses': {
      if (event.type === 'response.output_text.delta') return { text: String(event.delta ?? '') };
      if (event.type === 'response.completed') {
        const usage = (event.response as { usage?: { input_tokens?: number; output_tokens?: number } }).usage;
        return { usage: { inputTokens: usage?.input_tokens, outputTokens: usage?.output_tokens } };
      }
      if (event.type === 'error' || event.type === 'response.failed') {
        return { error: String((event as { message?: string }).message ?? 'failed') };
      }
      return {};
    }
  }
}

/**
 * Sends the request through this Gatehouse (same origin) and calls back as text arrives. Errors
 * before the stream (bad key, no account) throw an ApiError with the surface's message.
 */
export async function streamAnswer(
  request: PlaygroundRequest,
  on: { text: (text: string) => void; usage: (usage: StreamUsage) => void },
  signal: AbortSignal,
): Promise<void> {
  const wire = wireFor(request);
  const response = await fetch(wire.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...wire.headers },
    body: JSON.stringify(wire.body),
    // The key authenticates; the console's cookie is not the caller here.
    credentials: 'omit',
    signal,
  });
  if (!response.ok || !response.body) {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    throw toApiError(response.status, parsed, text);
  }
  let failure: string | null = null;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const read = readEvent(request.surface, data);
      if (read.text) on.text(read.text);
      if (read.usage) on.usage(read.usage);
      if (read.error) failure = read.error;
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  if (failure) throw new Error(failure);
}
