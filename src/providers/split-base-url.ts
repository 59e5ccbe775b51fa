/** Splits a base URL into the pool origin and a path prefix (for upstreams mounted under a path). */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string; search: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, ''), search: url.search };
}
