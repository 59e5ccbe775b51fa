import type {
  AssistantContentPart,
  ProviderMetadata,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from './canonical-content.js';
import type { JsonObject } from './json-value.js';

/**
 * Canonical messages. A `system` message may sit mid-conversation: Claude Code sends
 * `role: "system"` entries inside `messages`, and they must stay where they were. Tool results are
 * their own role (as in OpenAI Chat); consecutive results are one `tool` message (the normal form
 * every decoder produces).
 */
export type CanonicalMessage =
  | { role: 'system'; content: TextPart[] }
  | { role: 'user'; content: UserContentPart[] }
  | { role: 'assistant'; content: AssistantContentPart[] }
  | { role: 'tool'; content: ToolResultPart[] };

export type CanonicalRole = CanonicalMessage['role'];

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the input object. */
  inputSchema: JsonObject;
  strict?: boolean;
  providerMetadata?: ProviderMetadata;
}

export type CanonicalToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type ReasoningEffort = 'low' | 'medium' | 'high';

/**
 * Anthropic sizes thinking with a token budget, OpenAI with an effort level; a request carries
 * whichever the caller gave and encoders derive the other (see reasoning-effort.ts).
 */
export interface CanonicalReasoning {
  enabled: boolean;
  budgetTokens?: number;
  effort?: ReasoningEffort;
}

export type CanonicalResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json-schema'; schema: JsonObject; name?: string; description?: string; strict?: boolean };

export interface CanonicalRequest {
  model: string;
  system: TextPart[];
  messages: CanonicalMessage[];
  tools: CanonicalTool[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  reasoning?: CanonicalReasoning;
  responseFormat?: CanonicalResponseFormat;
  /** End-user identity for abuse tracking (Anthropic `metadata.user_id`, OpenAI `user`). */
  userId?: string;
  stream: boolean;
  providerMetadata?: ProviderMetadata;
}
