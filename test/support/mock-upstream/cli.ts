// Runs one mock as its own process, for the benchmark:
//   node --import tsx test/support/mock-upstream/cli.ts --port 9100 --fast --api-key mock-key [--host 127.0.0.1]
// Prints one JSON line `{"url":…,"port":…}` once listening; exits on SIGTERM or SIGINT.
import { parseArgs } from 'node:util';
import { startMockAnthropic } from './mock-anthropic.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    fast: { type: 'boolean', default: false },
    'api-key': { type: 'string' },
  },
  strict: true,
});

const port = Number.parseInt(values.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`mock-anthropic: invalid --port ${values.port}\n`);
  process.exit(2);
}

const mock = await startMockAnthropic({
  port,
  host: values.host,
  fast: values.fast,
  apiKey: values['api-key'],
});
process.stdout.write(`${JSON.stringify({ url: mock.url, port: mock.port })}\n`);

async function shutdown(): Promise<void> {
  await mock.close();
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
