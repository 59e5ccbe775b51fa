import type { ProviderMetadata } from './canonical-content.js';
import type { CanonicalFinishReason, CanonicalUsage } from './canonical-response.js';

/**
 * One step of a streamed answer, named noun-verb after the Vercel AI SDK's stream parts. Blocks
 * open with `*-start`, grow with `*-delta` and close with `*-end`; `id` ties them together. For
 * tool input, `id` is the tool call id itself.
 */
export type CanonicalStreamPart =
  | { type: 'stream-start'; id: string; model: string; usage?: CanonicalUsage }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; delta: string }
  /** Carries the signature / encrypted content, which vendors send only at the end of the block. */
  | { type: 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-start'; id: string; name: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | { type: 'finish'; finishReason: CanonicalFinishReason; usage: CanonicalUsage }
  | { type: 'error'; error: CanonicalStreamError };

export interface CanonicalStreamError {
  /** The vendor's error type or code when known (`overloaded_error`, `server_error`…). */
  code: string;
  message: string;
}

export type CanonicalStreamPartType = CanonicalStreamPart['type'];
