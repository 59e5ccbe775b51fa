import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetItem, LimitStore } from '../../src/limits/limit-store.js';

/**
 * The behaviour every LimitStore must have (src/limits/limit-store.ts). The memory store runs it in
 * src/limits/memory-limit-store.test.ts; the Redis store runs the same suite against a real Redis.
 * Times are injected: no test here waits on the wall clock.
 */
export function describeLimitStoreContract(name: string, makeStore: () => Promise<LimitStore>): void {
  describe(`LimitStore contract: ${name}`, () => {
    const opened: LimitStore[] = [];
    const t0 = 1_800_000_000_000;
    const unique = (label: string) => `${label}:${randomUUID()}`;

    async function open(): Promise<LimitStore> {
      const store = await makeStore();
      opened.push(store);
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('request windows', () => {
      it('admits exactly 50 of 200 concurrent requests against 50 a minute, and says when to retry', async () => {
        const store = await open();
        const window = { counter: unique('rpm'), limit: 50, windowMs: 60_000 };
        const decisions = await Promise.all(
          Array.from({ length: 200 }, (_, index) => store.admitRequest([window], t0 + index)),
        );
        const admitted = decisions.filter((decision) => decision.admitted);
        expect(admitted).toHaveLength(50);
        for (const decision of decisions) {
          if (decision.admitted) continue;
          expect(decision.refusedBy).toBe(0);
          expect(decision.retryAfterMs).toBeGreaterThan(0);
          expect(decision.retryAfterMs).toBeLessThanOrEqual(60_000);
          expect(decision.windows[0]?.remaining).toBe(0);
        }
      });

      it('slides: a slot frees exactly when its admission is a full window old', async () => {
        const store = await open();
        const window = { counter: unique('rpm'), limit: 4, windowMs: 60_000 };
        for (const offset of [0, 0, 30_000, 30_000])
          expect((await store.admitRequest([window], t0 + offset)).admitted).toBe(true);
        const refused = await store.admitRequest([window], t0 + 59_999);
        expect(refused.admitted).toBe(false);
        if (!refused.admitted) expect(refused.retryAfterMs).toBe(1);
        const rolled = await store.admitRequest([window], t0 + 60_000);
        expect(rolled.admitted).toBe(true);
        if (rolled.admitted) expect(rolled.windows[0]).toMatchObject({ limit: 4, remaining: 1 });
        expect((await store.admitRequest([window], t0 + 60_000)).admitted).toBe(true);
        expect((await store.admitRequest([window], t0 + 60_001)).admitted).toBe(false);
        expect((await store.admitRequest([window], t0 + 90_000)).admitted).toBe(true);
      });

      it('reports remaining admissions and when the oldest leaves the window', async () => {
        const store = await open();
        const window = { counter: unique('rpm'), limit: 3, windowMs: 60_000 };
        const first = await store.admitRequest([window], t0);
        expect(first).toEqual({
          admitted: true,
          windows: [{ limit: 3, remaining: 2, resetAt: t0 + 60_000 }],
        });
        const second = await store.admitRequest([window], t0 + 5_000);
        expect(second).toEqual({
          admitted: true,
          windows: [{ limit: 3, remaining: 1, resetAt: t0 + 60_000 }],
        });
      });

      it('is all-or-nothing over several windows: a refusal by one consumes none', async () => {
        const store = await open();
        const key = { counter: unique('key'), limit: 10, windowMs: 60_000 };
        const user = { counter: unique('user'), limit: 3, windowMs: 60_000 };
        const decisions = await Promise.all(
          Array.from({ length: 8 }, () => store.admitRequest([key, user], t0)),
        );
        expect(decisions.filter((decision) => decision.admitted)).toHaveLength(3);
        const refused = decisions.find((decision) => !decision.admitted);
        expect(refused && !refused.admitted && refused.refusedBy).toBe(1);
        // The key's own window holds only the 3 admitted requests: 7 more fit when the user's is not asked.
        const alone = await Promise.all(Array.from({ length: 9 }, () => store.admitRequest([key], t0 + 1)));
        expect(alone.filter((decision) => decision.admitted)).toHaveLength(7);
      });

      it('applies a lowered limit at once, without forgetting what was admitted', async () => {
        const store = await open();
        const counter = unique('rpm');
        for (let index = 0; index < 5; index += 1)
          await store.admitRequest([{ counter, limit: 10, windowMs: 60_000 }], t0 + index * 1000);
        const lowered = await store.admitRequest([{ counter, limit: 3, windowMs: 60_000 }], t0 + 10_000);
        expect(lowered.admitted).toBe(false);
        // 5 in the window against 3: admitted again once 3 have left, i.e. when the third-oldest leaves.
        if (!lowered.admitted) expect(lowered.retryAfterMs).toBe(t0 + 2000 + 60_000 - (t0 + 10_000));
        expect(
          (await store.admitRequest([{ counter, limit: 3, windowMs: 60_000 }], t0 + 62_000)).admitted,
        ).toBe(true);
      });
    });

    describe('concurrency slots', () => {
      it('grants exactly the limit to concurrent holders and frees slots on release', async () => {
        const store = await open();
        const counter = unique('slots');
        const holders = Array.from({ length: 100 }, () => randomUUID());
        const granted = await Promise.all(
          holders.map((holder) => store.acquireSlots([{ counter, limit: 10 }], holder, 60_000, t0)),
        );
        expect(granted.filter(Boolean)).toHaveLength(10);
        expect(await store.slotsInUse(counter, t0)).toBe(10);
        const winners = holders.filter((_, index) => granted[index]);
        await Promise.all(winners.map((holder) => store.releaseSlots([counter], holder)));
        await Promise.all(winners.map((holder) => store.releaseSlots([counter], holder)));
        expect(await store.slotsInUse(counter, t0)).toBe(0);
      });

      it('never leaks slots under churn: acquire, release and retry in parallel', async () => {
        const store = await open();
        const counter = unique('slots');
        let peak = 0;
        let held = 0;
        await Promise.all(
          Array.from({ length: 60 }, async (_, worker) => {
            for (let round = 0; round < 10; round += 1) {
              const holder = `${worker}:${round}`;
              if (await store.acquireSlots([{ counter, limit: 5 }], holder, 60_000, t0)) {
                held += 1;
                peak = Math.max(peak, held);
                await Promise.resolve();
                held -= 1;
                await store.releaseSlots([counter], holder);
              }
            }
          }),
        );
        expect(peak).toBeLessThanOrEqual(5);
        expect(await store.slotsInUse(counter, t0)).toBe(0);
      });

      it('is all-or-nothing over several counters', async () => {
        const store = await open();
        const key = unique('key-slots');
        const user = unique('user-slots');
        expect(await store.acquireSlots([{ counter: user, limit: 1 }], 'other', 60_000, t0)).toBe(true);
        expect(
          await store.acquireSlots(
            [
              { counter: key, limit: 5 },
              { counter: user, limit: 1 },
            ],
            'mine',
            60_000,
            t0,
          ),
        ).toBe(false);
        expect(await store.slotsInUse(key, t0)).toBe(0);
      });

      it('frees a slot whose lease lapsed (a holder that crashed)', async () => {
        const store = await open();
        const counter = unique('slots');
        expect(await store.acquireSlots([{ counter, limit: 1 }], 'crashed', 30_000, t0)).toBe(true);
        expect(await store.acquireSlots([{ counter, limit: 1 }], 'next', 30_000, t0 + 29_999)).toBe(false);
        expect(await store.acquireSlots([{ counter, limit: 1 }], 'next', 30_000, t0 + 30_000)).toBe(true);
        expect(await store.slotsInUse(counter, t0 + 30_000)).toBe(1);
      });
    });

    describe('budget reservations', () => {
      const item = (counter: string, limit: number, amount: number): BudgetItem => ({
        counter,
        limit,
        amount,
        expiresAt: t0 + 3_600_000,
      });

      it('never overspends under concurrency: 50 requests against a budget for 10 reserve at most 10', async () => {
        const store = await open();
        const counter = unique('budget');
        const decisions = await Promise.all(
          Array.from({ length: 50 }, () =>
            store.reserve({ id: randomUUID(), items: [item(counter, 1, 0.1)], expiresAt: t0 + 60_000 }, t0),
          ),
        );
        expect(decisions.filter((decision) => decision.reserved)).toHaveLength(10);
        expect(await store.readCounters([counter], t0)).toEqual([{ used: 0, reserved: 1 }]);
      });

      it('charges the actual amount on settle, drops the reservation, and refuses once spent', async () => {
        const store = await open();
        const counter = unique('budget');
        const id = randomUUID();
        const decision = await store.reserve(
          { id, items: [item(counter, 10, 4)], expiresAt: t0 + 60_000 },
          t0,
        );
        expect(decision).toEqual({ reserved: true, amounts: [4] });
        await store.settle(id, [{ counter, amount: 2.5, expiresAt: t0 + 3_600_000 }], t0 + 1);
        expect(await store.readCounters([counter], t0 + 1)).toEqual([{ used: 2.5, reserved: 0 }]);
        await store.settle(randomUUID(), [{ counter, amount: 7.5, expiresAt: t0 + 3_600_000 }], t0 + 2);
        const refused = await store.reserve(
          { id: randomUUID(), items: [item(counter, 10, 1)], expiresAt: t0 + 60_000 },
          t0 + 3,
        );
        expect(refused).toEqual({ reserved: false, refusedBy: 0, used: 10, reservedAmount: 0 });
      });

      it('reserves no more than what is left, and admits while anything is left', async () => {
        const store = await open();
        const counter = unique('budget');
        await store.seedCounter(counter, 9, t0 + 3_600_000);
        const first = await store.reserve(
          { id: randomUUID(), items: [item(counter, 10, 5)], expiresAt: t0 + 60_000 },
          t0,
        );
        expect(first).toEqual({ reserved: true, amounts: [1] });
        const second = await store.reserve(
          { id: randomUUID(), items: [item(counter, 10, 5)], expiresAt: t0 + 60_000 },
          t0,
        );
        expect(second.reserved).toBe(false);
      });

      it('is all-or-nothing over several counters', async () => {
        const store = await open();
        const key = unique('key-day');
        const user = unique('user-day');
        await store.seedCounter(user, 100, null);
        const refused = await store.reserve(
          {
            id: randomUUID(),
            items: [item(key, 50, 1), { ...item(user, 100, 1), expiresAt: null }],
            expiresAt: t0 + 1,
          },
          t0,
        );
        expect(refused).toMatchObject({ reserved: false, refusedBy: 1, used: 100 });
        expect(await store.readCounters([key, user], t0)).toEqual([
          { used: 0, reserved: 0 },
          { used: 100, reserved: 0 },
        ]);
      });

      it('gives the amount back on release, and lets a reservation never settled lapse', async () => {
        const store = await open();
        const counter = unique('budget');
        const released = randomUUID();
        await store.reserve({ id: released, items: [item(counter, 10, 6)], expiresAt: t0 + 60_000 }, t0);
        await store.reserve({ id: randomUUID(), items: [item(counter, 10, 3)], expiresAt: t0 + 30_000 }, t0);
        expect(await store.readCounters([counter], t0)).toEqual([{ used: 0, reserved: 9 }]);
        await store.releaseReservation(released);
        await store.releaseReservation(released);
        expect(await store.readCounters([counter], t0)).toEqual([{ used: 0, reserved: 3 }]);
        expect(await store.readCounters([counter], t0 + 30_000)).toEqual([{ used: 0, reserved: 0 }]);
      });

      it('seeds a counter only when it is absent', async () => {
        const store = await open();
        const counter = unique('total');
        await store.seedCounter(counter, 5, null);
        await store.seedCounter(counter, 1, null);
        expect(await store.readCounters([counter], t0)).toEqual([{ used: 5, reserved: 0 }]);
      });

      it('keeps exact totals over many concurrent settles of fractional amounts', async () => {
        const store = await open();
        const counter = unique('cost');
        const ids = Array.from({ length: 100 }, () => randomUUID());
        await Promise.all(
          ids.map((id) =>
            store.reserve({ id, items: [item(counter, 1000, 0.5)], expiresAt: t0 + 60_000 }, t0),
          ),
        );
        await Promise.all(
          ids.map((id) => store.settle(id, [{ counter, amount: 0.1, expiresAt: t0 + 3_600_000 }], t0 + 1)),
        );
        expect(await store.readCounters([counter], t0 + 1)).toEqual([{ used: 10, reserved: 0 }]);
      });
    });
  });
}
