import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse, temporaryDirectory } from '../support/gatehouse-harness.js';

let gate: RunningGatehouse;
let key: string;

beforeAll(async () => {
  const configFile = join(temporaryDirectory(), 'gatehouse.yaml');
  writeFileSync(configFile, 'limits:\n  headersTimeoutMs: 600\n  requestTimeoutMs: 800\n');
  gate = await startGatehouse({ GATEHOUSE_CONFIG: configFile });
  key = (await gate.createKey()).key;
});

afterAll(async () => {
  await gate?.close();
});

/** Sends raw bytes and returns whatever the server answers before it closes the connection. */
function rawExchange(text: string): Promise<string> {
  const { port } = new URL(gate.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

describe('slow clients', () => {
  it('answers 408 to a client that never finishes its body', async () => {
    const answer = await rawExchange(
      `POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"model":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"type":"error"');
  });

  it('answers 408 to a client that never finishes its headers', async () => {
    const answer = await rawExchange('POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: ');
    expect(answer).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });
});
