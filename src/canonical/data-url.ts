import type { MediaSource } from './canonical-content.js';

/** OpenAI carries inline images and files as `data:` URLs; Anthropic as separate media type + base64. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1] ?? '', data: match[2] ?? '' } : undefined;
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

export function mediaSourceFromUrl(url: string): MediaSource {
  const inline = parseDataUrl(url);
  return inline ? { kind: 'base64', ...inline } : { kind: 'url', url };
}

export function mediaSourceToUrl(source: MediaSource): string {
  return source.kind === 'url' ? source.url : toDataUrl(source.mediaType, source.data);
}
