import type { JsonObject } from './json-value.js';

/**
 * Vendor-only data that must survive a round trip through the same dialect (thinking signatures,
 * encrypted reasoning, cache hints), keyed by dialect so that an encoder reads only its own key and a
 * foreign dialect's data is never sent to the wrong vendor.
 */
export interface ProviderMetadata {
  anthropic?: JsonObject;
  openaiChat?: JsonObject;
  openaiResponses?: JsonObject;
}

export type MediaSource = { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string };

export interface TextPart {
  type: 'text';
  text: string;
  providerMetadata?: ProviderMetadata;
}

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  providerMetadata?: ProviderMetadata;
}

/** A PDF or plain-text document (Anthropic `document`, OpenAI `file` / `input_file`). */
export interface DocumentPart {
  type: 'document';
  source: MediaSource | { kind: 'text'; mediaType: string; data: string };
  title?: string;
  filename?: string;
  providerMetadata?: ProviderMetadata;
}

/**
 * Model reasoning. `text` is what the vendor shows (Anthropic thinking text, OpenAI reasoning
 * summary); the proof that lets it be sent back (Anthropic `signature`, `redacted_thinking.data`,
 * OpenAI `encrypted_content`) lives in `providerMetadata` under the dialect that minted it, because
 * no other vendor accepts it.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  providerMetadata?: ProviderMetadata;
}

export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  input: JsonObject;
  providerMetadata?: ProviderMetadata;
}

export type ToolResultContentPart = TextPart | ImagePart | DocumentPart;

export interface ToolResultPart {
  type: 'tool-result';
  callId: string;
  content: ToolResultContentPart[];
  isError: boolean;
  providerMetadata?: ProviderMetadata;
}

export type UserContentPart = TextPart | ImagePart | DocumentPart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;
