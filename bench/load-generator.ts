// Orchestrator side of the load generator: forks bench/load-worker.ts and sends it commands.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  ClosedLoopCommand,
  ClosedLoopResult,
  LoadCommand,
  LoadResult,
  OpenLoopCommand,
  OpenLoopResult,
  WorkerReply,
} from './load-protocol.js';
import type { ProcessRegistry } from './processes.js';

export interface LoadGenerator {
  pid: number;
  closed(command: Omit<ClosedLoopCommand, 'kind'>): Promise<ClosedLoopResult>;
  open(command: Omit<OpenLoopCommand, 'kind'>): Promise<OpenLoopResult>;
}

export function startLoadGenerator(registry: ProcessRegistry): LoadGenerator {
  const entry = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  registry.track('load generator', child);
  if (child.pid === undefined) throw new Error('could not start the load generator');

  // One command at a time: a window's numbers mean nothing if two windows overlap.
  let queue: Promise<unknown> = Promise.resolve();
  const send = <T extends LoadResult>(command: LoadCommand): Promise<T> => {
    const next = queue.then(() => exchange<T>(command));
    queue = next.catch(() => undefined);
    return next;
  };
  const exchange = <T extends LoadResult>(command: LoadCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`load generator exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (reply: WorkerReply) => {
        child.off('exit', onExit);
        if (reply.ok) resolve(reply.result as T);
        else reject(new Error(`load generator: ${reply.error}`));
      });
      child.send(command);
    });

  return {
    pid: child.pid,
    closed: (command) => send<ClosedLoopResult>({ kind: 'closed', ...command }),
    open: (command) => send<OpenLoopResult>({ kind: 'open', ...command }),
  };
}
