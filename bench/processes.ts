// Child processes and temp dirs the bench owns, and their cleanup on every way out: normal end,
// thrown error, SIGINT/SIGTERM, and process.exit (synchronously, as a last resort).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_GRACE_MS = 3000;

export interface ProcessRegistry {
  track(name: string, child: ChildProcess): void;
  tempDir(prefix: string): string;
  cleanup(): Promise<void>;
  /** True once SIGINT/SIGTERM arrived: failures after that are the shutdown, not the bench. */
  readonly interrupted: boolean;
}

export function createProcessRegistry(): ProcessRegistry {
  const children = new Map<ChildProcess, string>();
  const dirs: string[] = [];
  let interrupted = false;

  const killAll = (signal: NodeJS.Signals): void => {
    for (const child of children.keys()) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
  };
  const removeDirs = (): void => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  };

  const cleanup = async (): Promise<void> => {
    const exits = [...children.keys()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('exit', () => resolve());
        }),
    );
    killAll('SIGTERM');
    const stopped = await Promise.race([Promise.all(exits).then(() => true), sleep(STOP_GRACE_MS, false)]);
    if (!stopped) killAll('SIGKILL');
    removeDirs();
  };

  process.once('exit', () => {
    killAll('SIGKILL');
    removeDirs();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
      void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  return {
    track: (name, child) => {
      children.set(child, name);
    },
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    cleanup,
    get interrupted() {
      return interrupted;
    },
  };
}
