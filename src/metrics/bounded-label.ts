/**
 * A label value kept to a bounded set: the first `limit` distinct values pass, later ones become
 * `other`. Model names come from callers (a pattern such as `claude-*` routes any name), so without a
 * bound a client could grow the metric series without end.
 */
export function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}
