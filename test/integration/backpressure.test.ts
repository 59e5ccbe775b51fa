import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

// 80 MB of SSE: far more than the kernel's socket buffers on both hops together, so an upstream that
// can send it all while the client reads nothing proves the relay is buffering without bound.
const totalBytes = 80 * 1024 * 1024;
const ping = 'event: ping\ndata: {"type":"ping"}\n\n';
const batch = ping.repeat(Math.floor((64 * 1024) / ping.length));

interface FloodingUpstream {
  server: Server;
  url: string;
  /** Bytes the upstream's socket accepted (write returned true, or drained). */
  accepted: () => number;
  finished: () => boolean;
}

async function startFloodingUpstream(): Promise<FloodingUpstream> {
  let accepted = 0;
  let finished = false;
  const server = createServer(async (request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"claude-sonnet-4-5","usage":{"input_tokens":3,"output_tokens":1}}}\n\n',
    );
    while (accepted < totalBytes && !response.destroyed) {
      const flowing = response.write(batch);
      if (!flowing) await Promise.race([once(response, 'drain'), once(response, 'close')]);
      accepted += batch.length;
    }
    finished = !response.destroyed;
    response.end('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, accepted: () => accepted, finished: () => finished };
}

let upstream: FloodingUpstream;
let gate: RunningGatehouse;
let key: string;

beforeAll(async () => {
  upstream = await startFloodingUpstream();
  gate = await startGatehouse();
  await gate.createAccount({
    name: 'flood',
    type: 'anthropic',
    baseUrl: upstream.url,
    apiKey: 'any-key-works',
  });
  key = (await gate.createKey()).key;
});

afterAll(async () => {
  await gate?.close();
  upstream?.server.closeAllConnections();
  upstream?.server.close();
});

describe('backpressure', () => {
  it('a client that stops reading stalls the upstream instead of growing a buffer, and resumes it', async () => {
    const { port } = new URL(gate.url);
    const body = '{"model":"claude-sonnet-4-5","max_tokens":10,"stream":true,"messages":[]}';
    const client: Socket = connect(Number(port), '127.0.0.1');
    await once(client, 'connect');
    client.write(
      `POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    let received = 0;
    client.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    await expect.poll(() => received, { timeout: 5000 }).toBeGreaterThan(0);
    client.pause();

    // Wait until the upstream stops making progress: every buffer on the way is full.
    let before = -1;
    while (upstream.accepted() !== before) {
      before = upstream.accepted();
      await sleep(300);
    }
    expect(upstream.finished()).toBe(false);
    expect(upstream.accepted()).toBeLessThan(totalBytes / 2);

    client.resume();
    await expect.poll(() => upstream.finished(), { timeout: 30_000 }).toBe(true);
    client.destroy();
  });
});
