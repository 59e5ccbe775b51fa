import { describe, expect, it } from 'vitest';
import { createInFlightRelays } from './in-flight-relays.js';

describe('in-flight relays', () => {
  it('settles once every tracked relay has finished, and forgets finished ones', async () => {
    const relays = createInFlightRelays();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    relays.track(slow);
    void relays.track(Promise.reject(new Error('a failed relay still settles'))).catch(() => undefined);
    expect(relays.size).toBe(2);
    let settled = false;
    const waiting = relays.settle(10_000).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await waiting;
    expect(relays.size).toBe(0);
  });

  it('gives up at the deadline', async () => {
    const relays = createInFlightRelays();
    relays.track(new Promise(() => undefined));
    const started = performance.now();
    await relays.settle(50);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(relays.size).toBe(1);
  });
});

describe('relays whose answer is over', () => {
  it('waits only for relays whose caller already has the whole answer', async () => {
    const relays = createInFlightRelays();
    let finishRecord: () => void = () => undefined;
    const recording = new Promise<void>((resolve) => {
      finishRecord = resolve;
    });
    relays.track(recording, () => true);
    relays.track(new Promise(() => undefined), () => false);
    let done = false;
    const waiting = relays.answered().then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    finishRecord();
    await waiting;
    expect(relays.size).toBe(1);
  });
});
