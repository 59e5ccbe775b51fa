import { randomUUID } from 'node:crypto';
import type { LiveKey } from '../access/live-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import { calendarWindow } from './calendar-window.js';
import type { BudgetLimit } from './limit-plan.js';
import type { BudgetItem, LimitStore, SettledCharge } from './limit-store.js';

/** What one request used, from its recorded usage (tokens of every class, USD). */
export interface ChargedUsage {
  tokens: number;
  cost: number;
}

/** A request admitted under its limits. */
export interface Admission {
  /** Settles the budget reservation with what the usage record says the request cost. */
  charge(usage: ChargedUsage): void;
  /** Frees the concurrency slots and gives back an unsettled reservation; safe to call more than once. */
  release(): void;
}

export const noopAdmission: Admission = { charge() {}, release() {} };

export interface RequestLimitsOptions {
  store: LimitStore;
  timeZone: string;
  /** How long a slot or reservation may live without being released (longest possible exchange). */
  leaseMs: number;
  now: () => number;
  /** Store failures after admission (release, settle) are logged, never thrown at the caller. */
  onError: (error: unknown) => void;
}

/** A budget counter's full name for the window `now` falls in, and when that window ends. */
export function budgetCounter(budget: BudgetLimit, now: number, timeZone: string) {
  if (budget.period === 'total') return { counter: `${budget.counterPrefix}:total`, expiresAt: null };
  const window = calendarWindow(budget.period, now, timeZone);
  return { counter: `${budget.counterPrefix}:${budget.period}:${window.start}`, expiresAt: window.end };
}

/**
 * Admission on the request path (SPEC §4): the request-rate windows first, then concurrency slots,
 * then an upper-bound reservation against every token and cost budget. A key without limits never
 * reaches this (the surface checks `live.limits.empty` and uses noopAdmission without a promise).
 */
export function createRequestLimits(options: RequestLimitsOptions) {
  const { store, timeZone, leaseMs, now } = options;

  async function admitRate(live: LiveKey, at: number): Promise<void> {
    const windows = live.limits.requestWindows;
    if (windows.length === 0) return;
    const decision = await store.admitRequest(windows, at);
    if (decision.admitted) return;
    const refused = decision.windows[decision.refusedBy];
    const scope = windows[decision.refusedBy]?.counter.startsWith('rpm:user:')
      ? 'your account'
      : 'this API key';
    throw new GatewayError(
      'rate_limited',
      `Rate limit reached: ${scope} is limited to ${refused?.limit} requests per minute.`,
      {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        rateLimit: refused
          ? { limit: refused.limit, remaining: 0, resetAt: at + decision.retryAfterMs }
          : undefined,
      },
    );
  }

  async function reserveBudgets(live: LiveKey, estimate: () => ChargedUsage, id: string, at: number) {
    const { budgets } = live.limits;
    if (budgets.length === 0) return undefined;
    const upperBound = estimate();
    const items: BudgetItem[] = budgets.map((budget) => ({
      ...budgetCounter(budget, at, timeZone),
      limit: budget.limit,
      amount: budget.unit === 'tokens' ? upperBound.tokens : upperBound.cost,
    }));
    const decision = await store.reserve({ id, items, expiresAt: at + leaseMs }, at);
    if (decision.reserved) return items;
    const budget = budgets[decision.refusedBy] as BudgetLimit;
    const item = items[decision.refusedBy] as BudgetItem;
    const what = budget.unit === 'tokens' ? `${budget.limit} tokens` : `$${budget.limit}`;
    const scope = budget.counterPrefix.startsWith('budget:user:') ? 'your account' : 'this API key';
    // Spent for good only when nothing of it is merely reserved by requests still running.
    if (item.expiresAt === null && decision.reservedAmount === 0)
      throw new GatewayError(
        'permission_denied',
        `Budget exhausted: ${scope} has a total budget of ${what}.`,
      );
    const period = budget.period === 'total' ? 'in total' : `per ${budget.period}`;
    const retryAt = decision.reservedAmount > 0 || item.expiresAt === null ? at + 1000 : item.expiresAt;
    throw new GatewayError('rate_limited', `Budget exhausted: ${scope} is limited to ${what} ${period}.`, {
      retryAfterSeconds: Math.max(1, Math.ceil((retryAt - at) / 1000)),
    });
  }

  return {
    /** Admits a request or throws a GatewayError (429, or 403 for a spent total budget). */
    async admit(live: LiveKey, estimate: () => ChargedUsage): Promise<Admission> {
      const at = now();
      await admitRate(live, at);
      const holder = randomUUID();
      const { slots } = live.limits;
      if (slots.length > 0 && !(await store.acquireSlots(slots, holder, leaseMs, at))) {
        const scope = slots.some((slot) => slot.counter.startsWith('slots:user:'))
          ? 'your account'
          : 'this API key';
        throw new GatewayError('rate_limited', `Too many concurrent requests for ${scope}.`, {
          retryAfterSeconds: 1,
        });
      }
      const slotCounters = slots.map((slot) => slot.counter);
      let items: BudgetItem[] | undefined;
      try {
        items = await reserveBudgets(live, estimate, holder, at);
      } catch (error) {
        if (slotCounters.length > 0) await store.releaseSlots(slotCounters, holder).catch(options.onError);
        throw error;
      }
      let settled = false;
      let released = false;
      return {
        charge(usage) {
          if (settled || !items) return;
          settled = true;
          const charges: SettledCharge[] = items.map((item, index) => ({
            counter: item.counter,
            expiresAt: item.expiresAt,
            amount: live.limits.budgets[index]?.unit === 'tokens' ? usage.tokens : usage.cost,
          }));
          store.settle(holder, charges, now()).catch(options.onError);
        },
        release() {
          if (released) return;
          released = true;
          if (slotCounters.length > 0) store.releaseSlots(slotCounters, holder).catch(options.onError);
          if (items && !settled) store.releaseReservation(holder).catch(options.onError);
        },
      };
    },
  };
}

export type RequestLimits = ReturnType<typeof createRequestLimits>;
