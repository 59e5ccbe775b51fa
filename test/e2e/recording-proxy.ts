// A transparent HTTP pass-through that records what a client sent before it reaches Gatehouse, so a
// test can compare the client's own request with what arrived upstream. Responses stream through.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface ClientRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Status Gatehouse answered with (0 if it never answered). */
  status: number;
}

export interface RecordingProxy {
  url: string;
  requests: ClientRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const requests: ClientRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const record: ClientRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
        rawBody: Buffer.concat(chunks),
        status: 0,
      };
      requests.push(record);
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: record.method,
          path: record.path,
          headers: { ...incoming.headers, host: target.host },
        },
        (answer) => {
          record.status = answer.statusCode ?? 0;
          outgoing.writeHead(record.status, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      upstream.end(record.rawBody);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('proxy: no TCP address'));
      else resolve(address.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
