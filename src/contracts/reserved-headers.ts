/**
 * Headers Gatehouse sets itself (credentials, routing, framing). An account's extra headers may never
 * name them: the admin API refuses such names, and providers filter them out again before sending.
 */
const reserved = new Set([
  'host',
  'authorization',
  'x-api-key',
  'api-key',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'accept-encoding',
]);

export function isReservedHeader(name: string): boolean {
  return reserved.has(name.toLowerCase());
}
