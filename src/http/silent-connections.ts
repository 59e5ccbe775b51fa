import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Connections that were opened but never sent a byte, for a graceful close. Node's
 * closeIdleConnections() closes keep-alive connections between requests, but counts a connection that
 * has not sent its first request as active, so one such connection held server.close() until the
 * drain deadline (30 s). HTTP clients open them all the time: a pool's spare connection (undici opens
 * one when an aborted stream's socket is destroyed), a browser's preconnect, a TCP health check. Nothing
 * is in flight on them, so they are safe to close. Tracked per connection, never per request.
 */
export function trackSilentConnections(server: Server) {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    /** Destroys every connection that has not sent a byte yet. */
    closeSilent(): void {
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    },
    get size(): number {
      return sockets.size;
    },
  };
}

export type SilentConnections = ReturnType<typeof trackSilentConnections>;
