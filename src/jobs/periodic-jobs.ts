import type { Logger } from 'pino';

/**
 * Whether this process may run cluster-wide jobs now. A single node always leads; the cluster shape
 * backs this with a lock held in Redis or PostgreSQL, and `fencingToken` lets a job's writes be
 * rejected when a newer leader has taken over since the job started.
 */
export interface Leadership {
  isLeader(): boolean;
  /** Increases every time leadership is won; undefined when not leading. */
  fencingToken(): number | undefined;
  close(): Promise<void>;
}

export const soleLeadership: Leadership = {
  isLeader: () => true,
  fencingToken: () => 1,
  close: async () => {},
};

export interface PeriodicJob {
  /** Stable name, used in logs and metrics. */
  name: string;
  everyMs: number;
  /** `cluster`: once per cluster, on the leader; `instance`: on every process (local caches). */
  scope: 'cluster' | 'instance';
  /** Must be idempotent: a job may be re-run after a crash or a change of leader. */
  run(now: number): Promise<void>;
}

/**
 * Runs registered jobs on their intervals, never two runs of one job at a time, and only on the
 * leader for cluster-scoped jobs. A failing run is logged and retried at the next tick.
 */
export function createPeriodicJobs(options: { leadership: Leadership; logger: Logger; now: () => number }) {
  const jobs: PeriodicJob[] = [];
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  let started = false;

  async function runOnce(job: PeriodicJob): Promise<void> {
    if (running.has(job.name)) return;
    if (job.scope === 'cluster' && !options.leadership.isLeader()) return;
    const run = job
      .run(options.now())
      .catch((error: unknown) => options.logger.error({ err: error, job: job.name }, 'periodic job failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    await run;
  }

  function schedule(job: PeriodicJob): void {
    const timer = setInterval(() => void runOnce(job), job.everyMs);
    timer.unref();
    timers.push(timer);
  }

  return {
    register(job: PeriodicJob): void {
      jobs.push(job);
      if (started) schedule(job);
    },
    start(): void {
      if (started) return;
      started = true;
      for (const job of jobs) schedule(job);
    },
    /** Runs one job now (tests, admin "run now"); resolves when it has finished. */
    async runNow(name: string): Promise<void> {
      const job = jobs.find((candidate) => candidate.name === name);
      if (!job) throw new Error(`No periodic job named ${name}.`);
      // A run already in progress may have read state older than the caller's change: wait, then run.
      while (running.has(name)) await running.get(name);
      await runOnce(job);
    },
    names(): string[] {
      return jobs.map((job) => job.name);
    },
    /** Stops the timers and waits for runs in progress. */
    async close(): Promise<void> {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}

export type PeriodicJobs = ReturnType<typeof createPeriodicJobs>;
