import type {
  AssistantContentPart,
  DocumentPart,
  ImagePart,
  ProviderMetadata,
  ReasoningPart,
  TextPart,
  ToolResultPart,
} from '../../canonical/canonical-content.js';
import type { JsonObject } from '../../canonical/json-value.js';
import type { WarningSink } from '../../canonical/translation-result.js';
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from './anthropic-request-schema.js';

/** Prompt-cache breakpoints have no equivalent elsewhere; they ride in metadata for same-dialect round trips. */
export function cacheMetadata(cache: AnthropicCacheControl | null | undefined): ProviderMetadata | undefined {
  return cache ? { anthropic: { cacheControl: cache as JsonObject } } : undefined;
}

export function cacheControlOf(metadata: ProviderMetadata | undefined): AnthropicCacheControl | undefined {
  const cache = metadata?.anthropic?.cacheControl;
  return cache && typeof cache === 'object' && !Array.isArray(cache) && cache.type === 'ephemeral'
    ? (cache as AnthropicCacheControl)
    : undefined;
}

function withMetadata<T extends object>(part: T, metadata: ProviderMetadata | undefined): T {
  return metadata ? { ...part, providerMetadata: metadata } : part;
}

export function decodeTextBlock(block: AnthropicTextBlock): TextPart {
  return withMetadata({ type: 'text', text: block.text }, cacheMetadata(block.cache_control));
}

export function decodeMediaBlock(
  block: AnthropicImageBlock | AnthropicDocumentBlock,
  sink: WarningSink,
  path: string,
): ImagePart | DocumentPart | undefined {
  const source = block.source;
  if (source.type === 'file' || source.type === 'content') {
    sink.dropped(path, `${block.type} with a "${source.type}" source has no equivalent outside Anthropic`);
    return undefined;
  }
  const metadata = cacheMetadata(block.cache_control);
  if (block.type === 'image') {
    if (source.type === 'text') return undefined;
    const media = source.type === 'url' ? { kind: 'url' as const, url: source.url } : base64(source);
    return withMetadata<ImagePart>({ type: 'image', source: media }, metadata);
  }
  const documentSource =
    source.type === 'url'
      ? { kind: 'url' as const, url: source.url }
      : source.type === 'text'
        ? { kind: 'text' as const, mediaType: source.media_type, data: source.data }
        : base64(source);
  const part: DocumentPart = { type: 'document', source: documentSource };
  if (block.title) part.title = block.title;
  return withMetadata(part, metadata);
}

function base64(source: { media_type: string; data: string }) {
  return { kind: 'base64' as const, mediaType: source.media_type, data: source.data };
}

/** Assistant-side blocks shared by requests (history) and responses. */
export function decodeAssistantBlock(
  block: AnthropicContentBlock,
  sink: WarningSink,
  path: string,
): AssistantContentPart | undefined {
  switch (block.type) {
    case 'text':
      return decodeTextBlock(block);
    case 'thinking':
      return {
        type: 'reasoning',
        text: block.thinking,
        providerMetadata: { anthropic: { signature: block.signature } },
      };
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: block.data } } };
    case 'tool_use':
      return withMetadata<AssistantContentPart>(
        { type: 'tool-call', id: block.id, name: block.name, input: block.input },
        cacheMetadata(block.cache_control),
      );
    default:
      sink.dropped(path, `"${block.type}" block is not carried in an assistant turn`);
      return undefined;
  }
}

export function decodeToolResultBlock(
  block: AnthropicToolResultBlock,
  sink: WarningSink,
  path: string,
): ToolResultPart {
  const raw = block.content ?? [];
  const blocks = typeof raw === 'string' ? [{ type: 'text' as const, text: raw }] : raw;
  const content: ToolResultPart['content'] = [];
  blocks.forEach((inner, index) => {
    const part =
      inner.type === 'text'
        ? decodeTextBlock(inner)
        : decodeMediaBlock(inner, sink, `${path}.content[${index}]`);
    if (part) content.push(part);
  });
  const result: ToolResultPart = {
    type: 'tool-result',
    callId: block.tool_use_id,
    content,
    isError: block.is_error === true,
  };
  return withMetadata(result, cacheMetadata(block.cache_control));
}

type EncodedBlock = Record<string, unknown> & { type: string };

function withCache(block: EncodedBlock, metadata: ProviderMetadata | undefined): EncodedBlock {
  const cache = cacheControlOf(metadata);
  return cache ? { ...block, cache_control: cache } : block;
}

export function encodeTextBlock(part: TextPart): EncodedBlock {
  return withCache({ type: 'text', text: part.text }, part.providerMetadata);
}

export function encodeMediaBlock(part: ImagePart | DocumentPart): EncodedBlock {
  const source = part.source;
  const wire =
    source.kind === 'url'
      ? { type: 'url', url: source.url }
      : { type: source.kind === 'text' ? 'text' : 'base64', media_type: source.mediaType, data: source.data };
  const block: EncodedBlock = { type: part.type, source: wire };
  if (part.type === 'document' && part.title) block.title = part.title;
  return withCache(block, part.providerMetadata);
}

/**
 * Anthropic verifies thinking signatures, so reasoning minted by another vendor cannot be replayed;
 * it is dropped (Anthropic's docs allow omitting thinking blocks from earlier turns).
 */
export function encodeReasoningBlock(
  part: ReasoningPart,
  sink: WarningSink,
  path: string,
): EncodedBlock | undefined {
  const own = part.providerMetadata?.anthropic;
  if (typeof own?.redactedData === 'string') return { type: 'redacted_thinking', data: own.redactedData };
  if (typeof own?.signature === 'string' && own.signature !== '')
    return { type: 'thinking', thinking: part.text, signature: own.signature };
  sink.dropped(path, 'reasoning without an Anthropic signature cannot be sent to Anthropic');
  return undefined;
}

export function encodeToolResultBlock(part: ToolResultPart): EncodedBlock {
  const content = part.content.map((inner) =>
    inner.type === 'text' ? encodeTextBlock(inner) : encodeMediaBlock(inner),
  );
  const block: EncodedBlock = { type: 'tool_result', tool_use_id: part.callId, content };
  if (part.isError) block.is_error = true;
  return withCache(block, part.providerMetadata);
}

export function encodeToolUseBlock(part: {
  id: string;
  name: string;
  input: JsonObject;
  providerMetadata?: ProviderMetadata;
}) {
  return withCache(
    { type: 'tool_use', id: part.id, name: part.name, input: part.input },
    part.providerMetadata,
  );
}
