/**
 * How an instance tells the others that it changed shared state (keys, accounts, users, settings) and
 * how it learns that another did. A single node has nobody to tell: `localChangeNotices` does nothing.
 * The cluster shape backs this with Redis pub/sub plus a reconciliation poll (src/cluster/).
 *
 * Whoever holds an in-memory copy of database state registers a reload for its topic with `onRemote`,
 * and calls `announce(topic)` after a change it made (and reloaded) itself.
 */
export interface ChangeNotices {
  /** Tells the other instances that `topic` changed; never throws, never waits for the network. */
  announce(topic: string): void;
  /** Reloads this instance's copy of `topic` when another instance changed it (or a notice was missed). */
  onRemote(topic: string, reload: () => Promise<void>): void;
}

export const localChangeNotices: ChangeNotices = {
  announce() {},
  onRemote() {},
};
