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
} from './limit-store.js';
import { createSlidingLog, type SlidingLog } from './sliding-log.js';

interface Counter {
  used: number;
  reserved: number;
  expiresAt: number | null;
}

interface HeldReservation {
  counters: string[];
  amounts: number[];
  expiresAt: number;
}

/** Amounts are USD or tokens; rounding to 1e-10 keeps sums free of binary floating-point dust. */
const round = (value: number) => Math.round(value * 1e10) / 1e10;

/**
 * The single-node LimitStore. JavaScript runs one callback at a time, so each method's check-and-change
 * is atomic by construction; the promises only keep the interface the Redis store needs. Entries that
 * can no longer matter (empty windows, lapsed leases, past calendar windows) are swept now and then.
 */
export function createMemoryLimitStore(): LimitStore {
  const logs = new Map<string, SlidingLog>();
  const slots = new Map<string, Map<string, number>>();
  const counters = new Map<string, Counter>();
  const reservations = new Map<string, HeldReservation>();
  let nextReservationExpiry = Number.POSITIVE_INFINITY;
  let operations = 0;

  function logOf(counter: string): SlidingLog {
    let log = logs.get(counter);
    if (!log) {
      log = createSlidingLog();
      logs.set(counter, log);
    }
    return log;
  }

  function counterOf(name: string, expiresAt: number | null): Counter {
    let counter = counters.get(name);
    if (!counter) {
      counter = { used: 0, reserved: 0, expiresAt };
      counters.set(name, counter);
    }
    return counter;
  }

  function unreserve(held: HeldReservation): void {
    held.counters.forEach((name, index) => {
      const counter = counters.get(name);
      if (counter) counter.reserved = Math.max(0, round(counter.reserved - (held.amounts[index] ?? 0)));
    });
  }

  function lapseReservations(now: number): void {
    if (now < nextReservationExpiry) return;
    nextReservationExpiry = Number.POSITIVE_INFINITY;
    for (const [id, held] of reservations) {
      if (held.expiresAt <= now) {
        unreserve(held);
        reservations.delete(id);
      } else nextReservationExpiry = Math.min(nextReservationExpiry, held.expiresAt);
    }
  }

  /** Every 4096 operations, forget what can no longer affect a decision. */
  function maybeSweep(now: number): void {
    operations += 1;
    if (operations % 4096 !== 0) return;
    for (const [name, log] of logs) if (log.isEmptyAt(now)) logs.delete(name);
    for (const [name, holders] of slots) {
      for (const [holder, expiresAt] of holders) if (expiresAt <= now) holders.delete(holder);
      if (holders.size === 0) slots.delete(name);
    }
    for (const [name, counter] of counters) {
      if (counter.expiresAt !== null && counter.expiresAt <= now && counter.reserved === 0)
        counters.delete(name);
    }
  }

  function liveHolders(counter: string, now: number): Map<string, number> | undefined {
    const holders = slots.get(counter);
    if (!holders) return undefined;
    for (const [holder, expiresAt] of holders) if (expiresAt <= now) holders.delete(holder);
    return holders;
  }

  return {
    async admitRequest(windows: readonly RequestWindow[], now: number): Promise<RequestDecision> {
      maybeSweep(now);
      const states: WindowState[] = [];
      let refusedBy = -1;
      let retryAfterMs = 0;
      windows.forEach((window, index) => {
        const state = logOf(window.counter).state(window.limit, window.windowMs, now);
        states.push(state);
        if (refusedBy === -1 && state.remaining <= 0) {
          refusedBy = index;
          retryAfterMs = Math.max(1, state.resetAt - now);
        }
      });
      if (refusedBy !== -1) return { admitted: false, refusedBy, retryAfterMs, windows: states };
      windows.forEach((window, index) => {
        logOf(window.counter).add(now);
        const state = states[index] as WindowState;
        state.remaining -= 1;
        if (state.remaining === window.limit - 1) state.resetAt = now + window.windowMs;
      });
      return { admitted: true, windows: states };
    },

    async acquireSlots(wanted: readonly SlotLimit[], holder: string, leaseMs: number, now: number) {
      maybeSweep(now);
      for (const slot of wanted) {
        const holders = liveHolders(slot.counter, now);
        const held = holders?.has(holder) ? 1 : 0;
        if ((holders?.size ?? 0) - held >= slot.limit) return false;
      }
      for (const slot of wanted) {
        let holders = slots.get(slot.counter);
        if (!holders) {
          holders = new Map();
          slots.set(slot.counter, holders);
        }
        holders.set(holder, now + leaseMs);
      }
      return true;
    },

    async releaseSlots(names: readonly string[], holder: string) {
      for (const name of names) slots.get(name)?.delete(holder);
    },

    async slotsInUse(counter: string, now: number) {
      return liveHolders(counter, now)?.size ?? 0;
    },

    async reserve(reservation: Reservation, now: number): Promise<ReserveDecision> {
      maybeSweep(now);
      lapseReservations(now);
      const amounts: number[] = [];
      for (const [index, item] of reservation.items.entries()) {
        const counter = counters.get(item.counter) ?? { used: 0, reserved: 0 };
        const remaining = round(item.limit - counter.used - counter.reserved);
        if (remaining <= 0)
          return { reserved: false, refusedBy: index, used: counter.used, reservedAmount: counter.reserved };
        amounts.push(Math.min(Math.max(0, item.amount), remaining));
      }
      reservation.items.forEach((item, index) => {
        const counter = counterOf(item.counter, item.expiresAt);
        counter.reserved = round(counter.reserved + (amounts[index] as number));
      });
      reservations.set(reservation.id, {
        counters: reservation.items.map((item) => item.counter),
        amounts,
        expiresAt: reservation.expiresAt,
      });
      nextReservationExpiry = Math.min(nextReservationExpiry, reservation.expiresAt);
      return { reserved: true, amounts };
    },

    async settle(id: string, charges: readonly SettledCharge[], now: number) {
      lapseReservations(now);
      const held = reservations.get(id);
      if (held) {
        reservations.delete(id);
        unreserve(held);
      }
      for (const charge of charges) {
        const counter = counterOf(charge.counter, charge.expiresAt);
        counter.used = round(counter.used + Math.max(0, charge.amount));
      }
    },

    async releaseReservation(id: string) {
      const held = reservations.get(id);
      if (!held) return;
      reservations.delete(id);
      unreserve(held);
    },

    async readCounters(names: readonly string[], now: number): Promise<CounterReading[]> {
      lapseReservations(now);
      return names.map((name) => {
        const counter = counters.get(name);
        return { used: counter?.used ?? 0, reserved: counter?.reserved ?? 0 };
      });
    },

    async seedCounter(name: string, used: number, expiresAt: number | null) {
      if (!counters.has(name)) counters.set(name, { used: round(used), reserved: 0, expiresAt });
    },

    async close() {
      logs.clear();
      slots.clear();
      counters.clear();
      reservations.clear();
    },
  };
}
