import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { WebSocket, type WebSocketServer } from 'ws';
import type { Logger } from '../core/logger';

/** graphql-ws's socket extra over `ws` (the WebSocket and its upgrade request) and what the caller keeps beside. */
export type SocketExtra<State> = Extra & Partial<State>;

/** Messages sent on a socket that the kernel has not taken yet: what its subscriber has in flight. */
const unflushed = new WeakMap<WebSocket, number>();
export const unflushedMessages = (socket: WebSocket) => unflushed.get(socket) ?? 0;

const corked = new WeakSet<Socket>();
/** Holds a connection's writes until this turn of the event loop is over, so that they leave in one write. */
function corkForThisTurn(connection: Socket) {
  if (corked.has(connection)) return;
  corked.add(connection);
  connection.cork();
  process.nextTick(() => {
    corked.delete(connection);
    connection.uncork();
  });
}

/**
 * graphql-ws over `ws`, as graphql-ws's own `useServer` (same protocol check and keep-alive), except for writes: a
 * message does not wait for the kernel to take the one before it, and every message sent to a socket in one turn of
 * the event loop leaves in one write. A subscriber that is behind gets its waiting events in one system call, not one
 * each. How far behind it may fall stays bounded by the live feed, which counts unflushed messages with its queue.
 */
export function serveGraphQLOverWebSocket<State>(options: ServerOptions<Record<string, unknown>, SocketExtra<State>>, wss: WebSocketServer, keepAliveMs: number, log: Logger) {
  const server = makeServer(options);
  const internalError = (socket: WebSocket, error: unknown, what: string) => {
    log.error({ err: error }, what);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.once('error', (error) => internalError(socket, error, 'WebSocket error'));
    let pongWait: NodeJS.Timeout | undefined;
    const pingInterval = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, keepAliveMs);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== WebSocket.OPEN) return;
          corkForThisTurn(request.socket);
          unflushed.set(socket, unflushedMessages(socket) + 1);
          socket.send(data, () => unflushed.set(socket, unflushedMessages(socket) - 1));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (message) => {
            try {
              await handle(String(message));
            } catch (error) {
              internalError(socket, error, 'graphql-ws message handling failed');
            }
          }),
      },
      { socket, request } as SocketExtra<State>,
    );

    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });
}
