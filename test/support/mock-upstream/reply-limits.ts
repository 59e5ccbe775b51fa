// Applies the request's stop_sequences and max_tokens to a planned reply, and derives its stop reason.
// Stop sequences are looked for in text blocks only (never in thinking or tool input). The max_tokens
// budget is max_tokens × 4 characters (the inverse of the output-token formula), spent in block order:
// text and thinking are cut at the budget, a tool_use that does not fit whole is dropped.
import type { PlannedBlock } from './responders.js';
import type { ResponseContentBlock, StopReason } from './types.js';

export interface FinishedReply {
  blocks: PlannedBlock[];
  content: ResponseContentBlock[];
  stopReason: StopReason;
  stopSequence: string | null;
}

/** Keeps the first `maxChars` characters of the concatenated pieces, preserving piece boundaries. */
export function truncatePieces(pieces: readonly string[], maxChars: number): string[] {
  const kept: string[] = [];
  let remaining = maxChars;
  for (const piece of pieces) {
    if (remaining <= 0) break;
    kept.push(piece.slice(0, remaining));
    remaining -= piece.length;
  }
  return kept;
}

function findStopSequence(
  text: string,
  stopSequences: readonly string[],
): { at: number; sequence: string } | undefined {
  let earliest: { at: number; sequence: string } | undefined;
  for (const sequence of stopSequences) {
    const at = text.indexOf(sequence);
    if (at >= 0 && (!earliest || at < earliest.at)) earliest = { at, sequence };
  }
  return earliest;
}

function applyStopSequences(blocks: readonly PlannedBlock[], stopSequences: readonly string[]) {
  const kept: PlannedBlock[] = [];
  for (const block of blocks) {
    if (block.type !== 'text') {
      kept.push(block);
      continue;
    }
    const hit = findStopSequence(block.pieces.join(''), stopSequences);
    if (!hit) {
      kept.push(block);
      continue;
    }
    kept.push({ ...block, pieces: truncatePieces(block.pieces, hit.at) });
    return { blocks: kept, stopSequence: hit.sequence };
  }
  return { blocks: kept, stopSequence: null };
}

function applyMaxTokens(blocks: readonly PlannedBlock[], maxTokens: number) {
  let budget = maxTokens * 4;
  const kept: PlannedBlock[] = [];
  for (const block of blocks) {
    const length =
      block.type === 'tool_use' ? JSON.stringify(block.input).length : block.pieces.join('').length;
    if (length <= budget) {
      kept.push(block);
      budget -= length;
      continue;
    }
    if (block.type !== 'tool_use' && budget > 0)
      kept.push({ ...block, pieces: truncatePieces(block.pieces, budget) });
    return { blocks: kept, truncated: true };
  }
  return { blocks: kept, truncated: false };
}

export function toContentBlock(block: PlannedBlock): ResponseContentBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.pieces.join('') };
    case 'thinking':
      return { type: 'thinking', thinking: block.pieces.join(''), signature: block.signature };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

export function finishReply(
  planned: readonly PlannedBlock[],
  limits: { maxTokens: number; stopSequences: readonly string[] },
): FinishedReply {
  const stopped = applyStopSequences(planned, limits.stopSequences);
  const limited = applyMaxTokens(stopped.blocks, limits.maxTokens);
  let stopReason: StopReason = 'end_turn';
  if (limited.truncated) stopReason = 'max_tokens';
  else if (stopped.stopSequence !== null) stopReason = 'stop_sequence';
  else if (limited.blocks.some((block) => block.type === 'tool_use')) stopReason = 'tool_use';
  return {
    blocks: limited.blocks,
    content: limited.blocks.map(toContentBlock),
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? stopped.stopSequence : null,
  };
}
