import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  CounterReading,
  LimitStore,
  RequestDecision,
  RequestWindow,
  Reservation,
  ReserveDecision,
  SettledCharge,
  SlotLimit,
  WindowState,
} from '../limits/limit-store.js';
import {
  acquireSlotsScript,
  admitRequestScript,
  readCountersScript,
  releaseReservationScript,
  reserveScript,
  seedCounterScript,
  settleScript,
} from './redis-limit-scripts.js';

/**
 * The cluster's LimitStore: every window, slot and budget lives in Redis, so a key limited to 60 a
 * minute gets 60 across all instances. One round trip per operation (one Lua script each, run by its
 * SHA-1). Behaviour is the memory store's, proven by the same contract suite.
 */
export function createRedisLimitStore(options: { client: Redis; prefix: string }): LimitStore {
  const { client, prefix } = options;
  const expiry = (expiresAt: number | null) => (expiresAt === null ? '' : String(expiresAt));

  return {
    async admitRequest(windows: readonly RequestWindow[], now: number): Promise<RequestDecision> {
      const args: (string | number)[] = [prefix, now, randomUUID()];
      for (const window of windows) args.push(window.counter, window.limit, window.windowMs);
      const reply = (await admitRequestScript.run(client, [], args)) as (number | string)[];
      const states: WindowState[] = windows.map((_, index) => ({
        limit: Number(reply[3 + index * 3]),
        remaining: Number(reply[4 + index * 3]),
        resetAt: Number(reply[5 + index * 3]),
      }));
      if (reply[0] === 1) return { admitted: true, windows: states };
      return {
        admitted: false,
        refusedBy: Number(reply[1]),
        retryAfterMs: Number(reply[2]),
        windows: states,
      };
    },

    async acquireSlots(slots: readonly SlotLimit[], holder: string, leaseMs: number, now: number) {
      const args: (string | number)[] = [prefix, now, holder, leaseMs];
      for (const slot of slots) args.push(slot.counter, slot.limit);
      return (await acquireSlotsScript.run(client, [], args)) === 1;
    },

    async releaseSlots(counters: readonly string[], holder: string) {
      if (counters.length === 0) return;
      const batch = client.multi();
      for (const counter of counters) batch.zrem(`${prefix}limits:slots:${counter}`, holder);
      await batch.exec();
    },

    async slotsInUse(counter: string, now: number) {
      return client.zcount(`${prefix}limits:slots:${counter}`, `(${now}`, '+inf');
    },

    async reserve(reservation: Reservation, now: number): Promise<ReserveDecision> {
      const args: (string | number)[] = [prefix, now, reservation.id, reservation.expiresAt];
      for (const item of reservation.items)
        args.push(item.counter, item.limit, item.amount, expiry(item.expiresAt));
      const reply = (await reserveScript.run(client, [], args)) as (number | string)[];
      if (reply[0] === 1) return { reserved: true, amounts: reply.slice(1).map(Number) };
      return {
        reserved: false,
        refusedBy: Number(reply[1]),
        used: Number(reply[2]),
        reservedAmount: Number(reply[3]),
      };
    },

    async settle(id: string, charges: readonly SettledCharge[], now: number) {
      const args: (string | number)[] = [prefix, now, id];
      for (const charge of charges) args.push(charge.counter, charge.amount, expiry(charge.expiresAt));
      await settleScript.run(client, [], args);
    },

    async releaseReservation(id: string) {
      await releaseReservationScript.run(client, [], [prefix, id]);
    },

    async readCounters(counters: readonly string[], now: number): Promise<CounterReading[]> {
      if (counters.length === 0) return [];
      const reply = (await readCountersScript.run(client, [], [prefix, now, ...counters])) as string[];
      return counters.map((_, index) => ({
        used: Number(reply[index * 2]),
        reserved: Number(reply[index * 2 + 1]),
      }));
    },

    async seedCounter(counter: string, used: number, expiresAt: number | null) {
      await seedCounterScript.run(client, [], [prefix, counter, used, expiry(expiresAt)]);
    },

    // The connection belongs to the cluster link, which closes it.
    async close() {},
  };
}
