/**
 * Relays still running. A relay can outlive its HTTP exchange: after the answer is sent it may still
 * estimate tokens and enqueue its usage record. Shutdown waits for these before it closes the usage
 * writer, so a graceful stop never drops a record; the usage read APIs wait for the ones whose caller
 * already has the whole answer, so a caller that reads its usage right after an answer sees it.
 */
export function createInFlightRelays() {
  /** Each relay with a check of whether its caller's response is over (ended, or the caller gone). */
  const running = new Map<Promise<unknown>, () => boolean>();
  return {
    track<T>(relay: Promise<T>, answered: () => boolean = () => false): Promise<T> {
      running.set(relay, answered);
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
      await Promise.race([Promise.allSettled([...running.keys()]), deadline]);
      clearTimeout(timer);
    },
    /**
     * Resolves when the relays whose caller's response is already over have settled (their usage
     * records queued); relays still streaming are not waited for.
     */
    async answered(): Promise<void> {
      const over = [...running].filter(([, answered]) => answered()).map(([relay]) => relay);
      await Promise.allSettled(over);
    },
    get size(): number {
      return running.size;
    },
  };
}

export type InFlightRelays = ReturnType<typeof createInFlightRelays>;
