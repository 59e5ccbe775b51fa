// Closed-loop load: a fixed number of connections, each sending its next request as soon as the
// previous answer is complete, which finds the most a target can serve at that concurrency.
// autocannon keeps the generator itself cheap (prebuilt request bytes, a minimal response parser).
import autocannon from 'autocannon';
import type { ClosedLoopCommand, ClosedLoopResult } from './load-protocol.js';

export async function runClosedLoop(command: ClosedLoopCommand): Promise<ClosedLoopResult> {
  const result = await autocannon({
    url: `${command.origin}${command.path}`,
    method: 'POST',
    headers: command.headers,
    body: command.body,
    connections: command.connections,
    pipelining: 1,
    duration: command.durationSeconds,
    timeout: 10,
    // The run ends on the first sample tick after `duration`; short ticks keep windows close to it.
    sampleInt: 100,
  });
  return {
    kind: 'closed',
    rps: result['2xx'] / result.duration,
    completed: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedSeconds: result.duration,
  };
}
