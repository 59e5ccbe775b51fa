// Bringing the targets up and proving each one answers correctly before any load is sent.
import { checkTarget } from './answer-check.js';
import type { ProcessRegistry } from './processes.js';
import { startFloor, startGatehouse, startMock, type Target, type TargetName } from './targets.js';
import { servesWorkload, type Workload } from './workloads.js';

export interface Started {
  mock: Target;
  targets: Target[];
  /** Why a chosen target is not measured. */
  unavailable: Partial<Record<TargetName, string>>;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the mock and the chosen targets; a target that cannot start is reported, not fatal. */
export async function startTargets(
  registry: ProcessRegistry,
  names: readonly TargetName[],
  log: (message: string) => void,
): Promise<Started> {
  const mock = await startMock(registry);
  const started: Started = { mock, targets: [], unavailable: {} };
  const starters: Record<TargetName, () => Promise<Target>> = {
    direct: async () => mock,
    floor: () => startFloor(registry, mock),
    gatehouse: () => startGatehouse(registry, mock),
  };
  for (const name of names) {
    try {
      started.targets.push(await starters[name]());
    } catch (error) {
      started.unavailable[name] = reason(error);
      log(`bench: ${name} is NOT measured: ${started.unavailable[name]}`);
    }
  }
  return started;
}

/** Drops (and reports) the targets that fail the one-request check on any workload they serve. */
export async function dropBrokenTargets(
  started: Started,
  workloads: readonly Workload[],
  log: (message: string) => void,
): Promise<void> {
  const ok: Target[] = [];
  for (const target of started.targets) {
    try {
      for (const workload of workloads) {
        if (servesWorkload(workload, target.name)) await checkTarget(target, workload);
      }
      ok.push(target);
    } catch (error) {
      started.unavailable[target.name] = reason(error);
      log(`bench: ${target.name} is NOT measured: ${started.unavailable[target.name]}`);
    }
  }
  started.targets = ok;
}
