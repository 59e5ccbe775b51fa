import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export interface WebhookListener {
  url: string;
  received: ReceivedWebhook[];
  /** The status the next deliveries are answered with (200 by default). */
  answerWith(status: number): void;
  /** Stops answering at all (to exercise timeouts). */
  hang(): void;
  nextDelivery(index?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every POST it receives. */
export async function startWebhookListener(): Promise<WebhookListener> {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  let status = 200;
  let hanging = false;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      for (const wake of waiters.splice(0)) wake();
      if (hanging) return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answerWith(next) {
      status = next;
    },
    hang() {
      hanging = true;
    },
    async nextDelivery(index = received.length) {
      while (received.length <= index) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return received[index] as ReceivedWebhook;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
