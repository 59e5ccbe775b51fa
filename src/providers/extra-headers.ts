import { isReservedHeader } from '../contracts/reserved-headers.js';

/** An account's extra headers, minus any name Gatehouse sets itself (see contracts/reserved-headers.ts). */
export function accountExtraHeaders(extra: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra))
    if (!isReservedHeader(name)) headers[name.toLowerCase()] = value;
  return headers;
}
