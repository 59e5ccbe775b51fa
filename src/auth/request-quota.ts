/**
 * At most `limit` uses per key in a fixed window, in memory per instance. For things that cost the
 * server or a third party something (sending a login code), not for request-path limits.
 */
export function createRequestQuota(options: {
  limit: number;
  windowMs: number;
  now: () => number;
  /** Most keys remembered; the oldest go first, so a flood of names cannot exhaust memory. */
  maxEntries?: number;
}) {
  const windows = new Map<string, { startedAt: number; used: number }>();
  const maxEntries = options.maxEntries ?? 100_000;
  return {
    /** Uses one unit of the key's quota; answers the seconds to wait when none is left. */
    take(key: string): number | undefined {
      const at = options.now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= options.windowMs) {
        windows.delete(key);
        if (windows.size >= maxEntries) windows.delete(windows.keys().next().value as string);
        window = { startedAt: at, used: 0 };
        windows.set(key, window);
      }
      if (window.used >= options.limit) return Math.ceil((window.startedAt + options.windowMs - at) / 1000);
      window.used += 1;
      return undefined;
    },
  };
}

export type RequestQuota = ReturnType<typeof createRequestQuota>;
