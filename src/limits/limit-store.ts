/**
 * Where request-rate windows, concurrency slots and budget counters live. Single node: in memory
 * (memory-limit-store.ts). Cluster: Redis, so limits are global across instances. Every operation
 * returns a promise so a networked store fits; every operation that checks and changes is atomic and
 * all-or-nothing over the several counters it names (a key's and its owner's limits are checked in one
 * call, so a refusal by one never consumes the other).
 *
 * Counter names are opaque strings chosen by the caller (limits/limit-plan.ts); a calendar-window
 * counter carries its window in its name (`budget:key:<id>:cost:day:<start>`), so rolling over to a new
 * window is simply using a new name. The store never needs to know about time zones.
 *
 * Times are epoch milliseconds passed in by the caller (an injected clock), never read by the store.
 */
export interface LimitStore {
  /**
   * Sliding-window request admission: admits one request when every window has fewer than its
   * `limit` admissions in the last `windowMs` before `now`, and records it in all of them; otherwise
   * records nothing. Exact: N concurrent callers against a limit L admit exactly min(N, L).
   */
  admitRequest(windows: readonly RequestWindow[], now: number): Promise<RequestDecision>;

  /**
   * Takes one slot in each named counter for `holder` when every counter has fewer than its `limit`
   * holders; otherwise takes none. A slot not released within `leaseMs` is freed by itself (the safety
   * net for a crashed process in the Redis store; callers still release on every exit path).
   */
  acquireSlots(slots: readonly SlotLimit[], holder: string, leaseMs: number, now: number): Promise<boolean>;
  /** Frees the holder's slots; releasing a slot that is not held (or twice) does nothing. */
  releaseSlots(counters: readonly string[], holder: string): Promise<void>;
  /** Slots currently held in a counter (expired leases excluded). */
  slotsInUse(counter: string, now: number): Promise<number>;

  /**
   * Reserves an upper-bound amount against several budget counters at once. Refused (nothing reserved)
   * when any counter has nothing left (`used + reserved >= limit`). Otherwise each counter reserves
   * `min(amount, remaining)`: a request is admitted while there is budget left, and concurrent requests
   * can never be admitted on the same remainder. The reservation lapses at `expiresAt` if it is never
   * settled or released.
   */
  reserve(reservation: Reservation, now: number): Promise<ReserveDecision>;
  /**
   * Turns a reservation into a charge: the reservation is dropped and each charge's `amount` is added to
   * its counter's used total. A lapsed or unknown reservation id still charges, so recorded usage is
   * never lost; settling twice under one id is the caller's bug, not guarded against.
   */
  settle(id: string, charges: readonly SettledCharge[], now: number): Promise<void>;
  /** Drops a reservation without charging (the request failed before costing anything). */
  releaseReservation(id: string): Promise<void>;
  /** The used and reserved totals of budget counters (0 for unknown ones), in the order asked. */
  readCounters(counters: readonly string[], now: number): Promise<CounterReading[]>;
  /**
   * Sets a counter's used total when the store does not hold it yet (counters rebuilt from usage records
   * at start); never overwrites a live one, so in a cluster a restarting instance cannot reset it.
   */
  seedCounter(counter: string, used: number, expiresAt: number | null): Promise<void>;

  close(): Promise<void>;
}

export interface RequestWindow {
  counter: string;
  limit: number;
  windowMs: number;
}

export type RequestDecision =
  | {
      admitted: true;
      /** Per window, in the order given: admissions left after this one, and when the oldest leaves. */
      windows: WindowState[];
    }
  | {
      admitted: false;
      /** The index of the first window that refused. */
      refusedBy: number;
      /** Milliseconds until that window would admit one more. */
      retryAfterMs: number;
      windows: WindowState[];
    };

export interface WindowState {
  limit: number;
  remaining: number;
  /** When the oldest admission in the window leaves it (a slot frees); `now` when the window is empty. */
  resetAt: number;
}

export interface SlotLimit {
  counter: string;
  limit: number;
}

export interface BudgetCharge {
  counter: string;
  /** When the counter may be forgotten (the end of its calendar window); null for lifetime totals. */
  expiresAt: number | null;
}

export interface SettledCharge extends BudgetCharge {
  amount: number;
}

export interface BudgetItem extends BudgetCharge {
  limit: number;
  amount: number;
}

export interface Reservation {
  /** Unique per request. */
  id: string;
  items: readonly BudgetItem[];
  expiresAt: number;
}

export type ReserveDecision =
  | { reserved: true; amounts: number[] }
  | { reserved: false; refusedBy: number; used: number; reservedAmount: number };

export interface CounterReading {
  used: number;
  reserved: number;
}
