/**
 * Relays still running. A relay can outlive its HTTP exchange: after the answer is sent it may still
 * estimate tokens and enqueue its usage record. Shutdown waits for these before it closes the usage
 * writer, so a graceful stop never drops a record.
 */
export function createInFlightRelays() {
  const running = new Set<Promise<unknown>>();
  return {
    track<T>(relay: Promise<T>): Promise<T> {
      running.add(relay);
      const forget = () => running.delete(relay);
      relay.then(forget, forget);
      return relay;
    },
    /** Resolves when every tracked relay has settled, or when `deadlineMs` passes. */
    async settle(deadlineMs: number): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([Promise.allSettled([...running]), deadline]);
      clearTimeout(timer);
    },
    get size(): number {
      return running.size;
    },
  };
}

export type InFlightRelays = ReturnType<typeof createInFlightRelays>;
