/**
 * What an audit entry says about a request body: the names of the fields sent, never their values
 * (passwords, API keys, tokens and secrets must not reach the log). A login names its username.
 */
export function summarizeBody(route: string, body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (route.startsWith('/api/auth/') && typeof record.username === 'string') {
    return `username: ${record.username.slice(0, 64)}`;
  }
  const fields = Object.keys(record).slice(0, 30);
  return fields.length === 0 ? null : `fields: ${fields.join(', ').slice(0, 500)}`;
}

/** The id the request acted on: the `:id` parameter, or the `id` of what a create answered. */
export function targetIdOf(params: unknown, payload: unknown): string | null {
  const id = (params as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') return id.slice(0, 200);
  if (typeof payload !== 'string' || payload.length > 65_536 || !payload.startsWith('{')) return null;
  try {
    const created = (JSON.parse(payload) as { id?: unknown }).id;
    return typeof created === 'string' ? created.slice(0, 200) : null;
  } catch {
    return null;
  }
}
