import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  /** Tunnels opened through the proxy so far. */
  tunnels: () => number;
  close(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<number> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function closer(server: Server, sockets: Set<Socket>) {
  return async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  };
}

function tunnel(client: Socket, host: string, port: number, onOpen: () => void): void {
  const upstream = connect(port, host, () => {
    onOpen();
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
}

/** An HTTP proxy that only does CONNECT tunnels, as undici's ProxyAgent uses. */
export async function startConnectProxy(): Promise<TestProxy> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    client.once('data', (head: Buffer) => {
      const match = /^CONNECT ([^:\s]+):(\d+) HTTP\/1\.1\r\n/.exec(head.toString('latin1'));
      if (!match) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      tunnel(client, match[1] as string, Number(match[2]), () => {
        tunnels += 1;
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      });
    });
  });
  const port = await listen(server, sockets);
  return { url: `http://127.0.0.1:${port}`, tunnels: () => tunnels, close: closer(server, sockets) };
}

/** A SOCKS5 proxy (RFC 1928) without authentication, CONNECT only, IPv4 and domain addresses. */
export async function startSocks5Proxy(): Promise<TestProxy> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    client.once('data', (greeting: Buffer) => {
      if (greeting[0] !== 0x05) return client.destroy();
      client.write(Buffer.from([0x05, 0x00]));
      client.once('data', (request: Buffer) => {
        const target = readSocksTarget(request);
        if (!target) return client.destroy();
        tunnel(client, target.host, target.port, () => {
          tunnels += 1;
          client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
        });
      });
    });
  });
  const port = await listen(server, sockets);
  return { url: `socks5://127.0.0.1:${port}`, tunnels: () => tunnels, close: closer(server, sockets) };
}

function readSocksTarget(request: Buffer): { host: string; port: number } | undefined {
  if (request[0] !== 0x05 || request[1] !== 0x01) return undefined;
  const addressType = request[3];
  if (addressType === 0x01) {
    return { host: [...request.subarray(4, 8)].join('.'), port: request.readUInt16BE(8) };
  }
  if (addressType === 0x03) {
    const length = request[4] as number;
    return { host: request.toString('latin1', 5, 5 + length), port: request.readUInt16BE(5 + length) };
  }
  return undefined;
}
