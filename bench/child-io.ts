// Small helpers for talking to child processes: free ports, the "listening" line, an output tail.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A port that was free a moment ago (for programs that need a port number up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last few KB a child wrote to stderr (and stdout when given), for error messages. */
export function outputTail(child: ChildProcess, includeStdout = false): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stderr?.on('data', keep);
  if (includeStdout) child.stdout?.on('data', keep);
  return () => tail.trim();
}

/** Resolves with the `url` of the first JSON line `{"url", ...}` the child prints on stdout. */
export function listeningUrl(
  child: ChildProcess,
  name: string,
  tail: () => string,
  timeoutMs: number,
): Promise<string> {
  const stdout = child.stdout;
  if (!stdout) return Promise.reject(new Error(`${name}: stdout is not piped`));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`exited with ${signal ?? code}`);
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`${name} did not start: ${why}${tail() ? `\n--- output ---\n${tail()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no listening line within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const url = parseUrlLine(line);
      if (url === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // The interface stays open with no listener, so stdout keeps draining and a chatty child never
      // blocks on a full pipe.
      lines.removeAllListeners('line');
      resolve(url);
    });
  });
}

function parseUrlLine(line: string): string | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string') {
      return parsed.url;
    }
  } catch {
    // Not our line; programs may log JSON of their own.
  }
  return undefined;
}
