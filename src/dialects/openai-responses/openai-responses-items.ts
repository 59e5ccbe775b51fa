import { assertNever } from '../../canonical/assert-never.js';
import type {
  AssistantContentPart,
  ReasoningPart,
  ToolResultContentPart,
  UserContentPart,
} from '../../canonical/canonical-content.js';
import type { CanonicalMessage } from '../../canonical/canonical-request.js';
import { mediaSourceFromUrl, mediaSourceToUrl, parseDataUrl, toDataUrl } from '../../canonical/data-url.js';
import { parseJsonObject } from '../../canonical/json-value.js';
import type { WarningSink } from '../../canonical/translation-result.js';
import {
  isKnownResponsesItem,
  type ResponsesContentPart,
  type ResponsesInputItem,
} from './openai-responses-request-schema.js';

type Wire = Record<string, unknown>;

/**
 * Responses spreads one assistant turn over several items (reasoning, message, function_call) and
 * one tool turn over several function_call_output items; consecutive items of one side are merged
 * back into one canonical message.
 */
export function decodeResponsesItems(items: ResponsesInputItem[], sink: WarningSink): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  items.forEach((item, index) => {
    const message = decodeItem(item, sink, `input[${index}]`);
    if (message === undefined) return;
    const previous = out.at(-1);
    if (previous?.role === 'assistant' && message.role === 'assistant')
      previous.content.push(...message.content);
    else if (previous?.role === 'tool' && message.role === 'tool') previous.content.push(...message.content);
    else out.push(message);
  });
  return out;
}

function decodeItem(item: ResponsesInputItem, sink: WarningSink, path: string): CanonicalMessage | undefined {
  if (!isKnownResponsesItem(item)) {
    sink.dropped(path, `"${item.type}" item has no equivalent outside OpenAI`);
    return undefined;
  }
  switch (item.type) {
    case 'message': {
      const parts =
        typeof item.content === 'string'
          ? [{ type: 'input_text' as const, text: item.content }]
          : item.content;
      const content = parts.flatMap((p, i) => decodeContentPart(p, sink, `${path}.content[${i}]`) ?? []);
      if (item.role === 'assistant')
        return { role: 'assistant', content: content.filter((p) => p.type === 'text') };
      if (item.role === 'user') return { role: 'user', content };
      return { role: 'system', content: content.filter((p) => p.type === 'text') };
    }
    case 'function_call':
      return { role: 'assistant', content: [decodeFunctionCall(item, sink, path)] };
    case 'function_call_output': {
      const parts =
        typeof item.output === 'string' ? [{ type: 'input_text' as const, text: item.output }] : item.output;
      const content = parts.flatMap((p, i) => decodeContentPart(p, sink, `${path}.output[${i}]`) ?? []);
      return {
        role: 'tool',
        content: [{ type: 'tool-result', callId: item.call_id, content, isError: false }],
      };
    }
    case 'reasoning':
      return { role: 'assistant', content: [decodeReasoningItem(item)] };
    default:
      return assertNever(item);
  }
}

export function decodeFunctionCall(
  item: { call_id: string; name: string; arguments: string },
  sink: WarningSink,
  path: string,
): AssistantContentPart {
  const input = parseJsonObject(item.arguments);
  if (input === undefined) sink.approximated(`${path}.arguments`, 'arguments are not a JSON object; kept {}');
  return { type: 'tool-call', id: item.call_id, name: item.name, input: input ?? {} };
}

/** Summary parts are joined: canonical reasoning has one text. The encrypted content is the replayable part. */
export function decodeReasoningItem(item: {
  id?: string | undefined;
  summary: { text: string }[];
  encrypted_content?: string | null | undefined;
}): ReasoningPart {
  const metadata: Record<string, string> = {};
  if (item.id) metadata.itemId = item.id;
  if (item.encrypted_content) metadata.encryptedContent = item.encrypted_content;
  return {
    type: 'reasoning',
    text: item.summary.map((s) => s.text).join('\n\n'),
    providerMetadata: { openaiResponses: metadata },
  };
}

function decodeContentPart(
  part: ResponsesContentPart,
  sink: WarningSink,
  path: string,
): UserContentPart | undefined {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      if (part.image_url) return { type: 'image', source: mediaSourceFromUrl(part.image_url) };
      sink.dropped(path, 'images referenced by file_id are not translated');
      return undefined;
    case 'input_file': {
      const inline = part.file_data === undefined ? undefined : parseDataUrl(part.file_data);
      const source = inline
        ? { kind: 'base64' as const, ...inline }
        : part.file_url
          ? { kind: 'url' as const, url: part.file_url }
          : undefined;
      if (source === undefined) {
        sink.dropped(path, 'files referenced by file_id are not translated');
        return undefined;
      }
      return { type: 'document', source, ...(part.filename && { filename: part.filename }) };
    }
    default:
      return assertNever(part);
  }
}

export function encodeResponsesItems(messages: CanonicalMessage[], sink: WarningSink): Wire[] {
  return messages.flatMap((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        return [
          {
            type: 'message',
            role: 'system',
            content: message.content.map((p) => ({ type: 'input_text', text: p.text })),
          },
        ];
      case 'user':
        return [
          {
            type: 'message',
            role: 'user',
            content: message.content.flatMap(
              (p, i) => encodeInputPart(p, sink, `${path}.content[${i}]`) ?? [],
            ),
          },
        ];
      case 'assistant':
        return encodeAssistantItems(message.content, sink, path);
      case 'tool':
        return message.content.map((result, i) => {
          if (result.isError)
            sink.approximated(
              `${path}.content[${i}].isError`,
              'Responses has no error flag on function_call_output',
            );
          return {
            type: 'function_call_output',
            call_id: result.callId,
            output: encodeToolOutput(result.content, sink, `${path}.content[${i}]`),
          };
        });
      default:
        return assertNever(message);
    }
  });
}

function encodeToolOutput(
  content: ToolResultContentPart[],
  sink: WarningSink,
  path: string,
): string | Wire[] {
  if (content.every((p) => p.type === 'text'))
    return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return content.flatMap<Wire>((p, i) => encodeInputPart(p, sink, `${path}.content[${i}]`) ?? []);
}

function encodeInputPart(part: UserContentPart, sink: WarningSink, path: string): Wire | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image':
      return { type: 'input_image', image_url: mediaSourceToUrl(part.source), detail: 'auto' };
    case 'document': {
      const source = part.source;
      const filename = part.filename ?? part.title ?? 'document.pdf';
      if (source.kind === 'url') return { type: 'input_file', file_url: source.url };
      if (source.kind === 'text') {
        sink.approximated(path, 'plain-text document sent as input_text');
        return { type: 'input_text', text: source.data };
      }
      return { type: 'input_file', filename, file_data: toDataUrl(source.mediaType, source.data) };
    }
    default:
      return assertNever(part);
  }
}

/** Text runs become one message item each, so the order of text, reasoning and calls is kept. */
export function encodeAssistantItems(parts: AssistantContentPart[], sink: WarningSink, path: string): Wire[] {
  const items: Wire[] = [];
  let texts: Wire[] | undefined;
  parts.forEach((part, i) => {
    if (part.type === 'text') {
      if (!texts) {
        texts = [];
        items.push({ type: 'message', role: 'assistant', content: texts });
      }
      texts.push({ type: 'output_text', text: part.text, annotations: [] });
      return;
    }
    texts = undefined;
    const item =
      part.type === 'tool-call'
        ? encodeFunctionCall(part)
        : encodeReasoningItem(part, sink, `${path}.content[${i}]`);
    if (item) items.push(item);
  });
  return items;
}

function encodeFunctionCall(part: { id: string; name: string; input: object }): Wire {
  return { type: 'function_call', call_id: part.id, name: part.name, arguments: JSON.stringify(part.input) };
}

/** Only OpenAI's own reasoning items (with their id / encrypted content) can be sent back. */
function encodeReasoningItem(part: ReasoningPart, sink: WarningSink, path: string): Wire | undefined {
  const own = part.providerMetadata?.openaiResponses;
  if (typeof own?.itemId !== 'string' && typeof own?.encryptedContent !== 'string') {
    sink.dropped(path, 'reasoning not produced by OpenAI cannot be replayed to the Responses API');
    return undefined;
  }
  const item: Wire = {
    type: 'reasoning',
    summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
  };
  if (typeof own.itemId === 'string') item.id = own.itemId;
  if (typeof own.encryptedContent === 'string') item.encrypted_content = own.encryptedContent;
  return item;
}
