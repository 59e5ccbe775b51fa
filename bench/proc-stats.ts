// CPU time and peak memory of other processes, read from Linux procfs. /proc/<pid>/stat sums all
// threads of the process (libuv pool, GC helpers), which is what a request really costs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Clock ticks per second for utime/stime (USER_HZ); 100 on every mainstream Linux build. */
const ticksPerSecond = readTicksPerSecond();

function readTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** User + system CPU time the process has used since it started, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses; fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/** Peak resident set size (VmHWM) in megabytes. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Starts a window: the returned function gives the CPU ms each named process used since this call. */
export function cpuWindow(pids: Readonly<Record<string, number>>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return () =>
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid) - (before[name] ?? 0)]));
}

/**
 * Restarts VmHWM from the current RSS (Linux clear_refs "5"), so a peak can be attributed to one
 * workload. Returns false where the kernel does not allow it; the peak then covers the whole life.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const QUIET_POLL_MS = 200;
// One clock tick (10 ms) of CPU per poll across all processes: under 5% of a core, i.e. idle.
const QUIET_CPU_MS = 10;

/**
 * Waits until the processes have gone (nearly) idle, at most `timeoutMs`. Work a window leaves
 * behind (batched usage writes, GC, socket teardown) then lands in that window's CPU account instead
 * of stealing CPU from, and adding latency to, the next window of another target.
 */
export async function waitUntilQuiet(pids: readonly number[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  const total = (): number => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  let before = total();
  while (Date.now() - started < timeoutMs) {
    await sleep(QUIET_POLL_MS);
    const now = total();
    if (now - before <= QUIET_CPU_MS) break;
    before = now;
  }
  return Date.now() - started;
}

/**
 * User + system CPU ms of the whole machine (all CPUs, from /proc/stat). Compared with the bench's own
 * processes it shows how much CPU something else took during a window — which makes numbers unreliable.
 */
export function machineCpuMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0] = line.trim().split(/\s+/).slice(1, 4).map(Number);
  return ((user + nice + system) * 1000) / ticksPerSecond;
}
