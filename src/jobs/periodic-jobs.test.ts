import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createPeriodicJobs, type Leadership, soleLeadership } from './periodic-jobs.js';

const logger = pino({ level: 'silent' });

describe('periodic jobs', () => {
  it('runs a cluster job only while this process leads', async () => {
    let leading = false;
    const leadership: Leadership = { ...soleLeadership, isLeader: () => leading };
    const jobs = createPeriodicJobs({ leadership, logger, now: () => 0 });
    let runs = 0;
    jobs.register({ name: 'rollup', everyMs: 60_000, scope: 'cluster', run: async () => void runs++ });
    await jobs.runNow('rollup');
    expect(runs).toBe(0);
    leading = true;
    await jobs.runNow('rollup');
    expect(runs).toBe(1);
    await jobs.close();
  });

  it('never overlaps two runs of one job and survives a failing run', async () => {
    const jobs = createPeriodicJobs({ leadership: soleLeadership, logger, now: () => 0 });
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    jobs.register({
      name: 'slow',
      everyMs: 60_000,
      scope: 'instance',
      run: async () => {
        calls++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active--;
        if (calls === 1) throw new Error('first run fails');
      },
    });
    await Promise.all([jobs.runNow('slow'), jobs.runNow('slow')]);
    expect(maxActive).toBe(1);
    expect(calls).toBe(2);
    await expect(jobs.runNow('missing')).rejects.toThrow(/No periodic job/);
    await jobs.close();
  });
});
