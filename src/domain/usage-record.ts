/** One upstream attempt, as SPEC §6 and the automation contract (§8) describe it. */
export interface UsageRecord {
  id: string;
  createdAt: number;
  keyId: string | null;
  userId: string | null;
  accountId: string | null;
  /** The inbound API family the caller spoke. */
  surface: string;
  /** The API family the upstream spoke; null when no upstream was reached. */
  upstreamFormat: string | null;
  model: string;
  upstreamModel: string | null;
  /** Input tokens excluding cache reads and writes, as Anthropic reports them. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** All cache-write tokens (5-minute and 1-hour). */
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with a 1-hour TTL (priced higher). */
  cacheWrite1hTokens: number;
  /** USD, computed when the record is made, so later price changes never rewrite history. */
  cost: number;
  /** False for a failed attempt that is not charged to the key's budget. */
  charged: boolean;
  status: number;
  errorClass: string | null;
  stream: boolean;
  /** True when the client went away before the upstream finished. */
  partial: boolean;
  /** True when the upstream reported no usage and Gatehouse estimated the tokens. */
  estimated: boolean;
  ttfbMs: number | null;
  durationMs: number;
  clientFamily: string;
  upstreamRequestId: string | null;
}
