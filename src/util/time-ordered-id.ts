import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Records keyed by it are
 * inserted at the end of the primary-key B-tree instead of at random places, which keeps the usage
 * writer's inserts cheap, and ids sort by creation time across every instance of a cluster.
 * The random part reuses `randomUUID` (Node keeps a pool of random bytes for it).
 */
export function timeOrderedId(now: number = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
