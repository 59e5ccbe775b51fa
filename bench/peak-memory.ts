// Peak resident memory per process, attributed to the workload that caused it: VmHWM is restarted
// before each workload's windows and read after them. Start-up (migrations, module loading) is kept
// as its own peak, taken before any load.
import { peakRssMb, resetPeakRss } from './proc-stats.js';

export interface PeakMemory {
  /** MB per process name at the end of start-up. */
  startup: Record<string, number>;
  /** MB per workload, per process name: the highest peak over the rounds. */
  byWorkload: Record<string, Record<string, number>>;
  /** False when the kernel refused to reset VmHWM; then every peak is a lifetime peak. */
  attributed: boolean;
}

export interface PeakMemoryTracker {
  beginWorkload(): void;
  /** Records the peaks of the named processes only: those the workload was measured on. */
  endWorkload(workload: string, processes: readonly string[]): void;
  result(): PeakMemory;
}

export function trackPeakMemory(pids: Readonly<Record<string, number>>): PeakMemoryTracker {
  const read = (): Record<string, number> =>
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, peakRssMb(pid)]));
  const memory: PeakMemory = { startup: read(), byWorkload: {}, attributed: true };
  return {
    beginWorkload: () => {
      for (const pid of new Set(Object.values(pids))) memory.attributed &&= resetPeakRss(pid);
    },
    endWorkload: (workload, processes) => {
      const peaks = read();
      const previous = memory.byWorkload[workload] ?? {};
      memory.byWorkload[workload] = Object.fromEntries(
        Object.entries(peaks)
          .filter(([name]) => processes.includes(name))
          .map(([name, mb]) => [name, Math.max(mb, previous[name] ?? 0)]),
      );
    },
    result: () => memory,
  };
}

/** The whole run's peak of one process: start-up or any workload, whichever was highest. */
export function wholeRunPeak(memory: PeakMemory, name: string): number | undefined {
  const values = [memory.startup[name], ...Object.values(memory.byWorkload).map((peaks) => peaks[name])];
  const known = values.filter((value): value is number => value !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}
