// Process entry of the load generator: forked by the orchestrator with an IPC channel, runs one
// command at a time and replies with its result. Kept alive across windows to avoid paying
// process start-up (and tsx compilation) for every one of them.
import { runClosedLoop } from './closed-loop.js';
import type { LoadCommand, LoadResult, WorkerReply } from './load-protocol.js';
import { runOpenLoop } from './open-loop.js';

function run(command: LoadCommand): Promise<LoadResult> {
  switch (command.kind) {
    case 'closed':
      return runClosedLoop(command);
    case 'open':
      return runOpenLoop(command);
    default: {
      const unknown: never = command;
      throw new Error(`unknown load command ${JSON.stringify(unknown)}`);
    }
  }
}

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', (command: LoadCommand) => {
  run(command).then(
    (result) => reply({ ok: true, result }),
    (error: unknown) =>
      reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

// Without the orchestrator there is nothing to do.
process.on('disconnect', () => process.exit(0));
