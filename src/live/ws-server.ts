import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ExecutionResult } from 'graphql';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import * as ws from 'ws';
import { WebSocket, type WebSocketServer } from 'ws';
import type { Logger } from '../core/logger';

/** graphql-ws's socket extra over `ws` (the WebSocket and its upgrade request) and what the caller keeps beside. */
export type SocketExtra<State> = Extra & Partial<State>;

/** Messages sent on a socket that the kernel has not taken yet: what its subscriber has in flight. */
const unflushed = new WeakMap<WebSocket, number>();
export const unflushedMessages = (socket: WebSocket) => unflushed.get(socket) ?? 0;

/** ws's own framing (exported by the package, not typed): an unmasked text frame's header and payload. */
const frameText = (ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender.frame;
const TEXT_FRAME = { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false };

/** Messages waiting for the end of this turn of the event loop, per socket (in the order they were sent). */
const pending = new Map<WebSocket, { connection: Socket; messages: string[] }>();
let flushScheduled = false;

/**
 * Writes each socket's waiting messages as text frames in one write. Every message sent to a socket in one turn of
 * the event loop (its I/O callbacks and their microtasks: a subscriber catching up sends several) costs one write
 * and one system call, not one each. A socket that is no longer open drops them (ws has sent or is sending close).
 */
function flush() {
  flushScheduled = false;
  for (const [socket, waiting] of pending) write(socket, waiting);
  pending.clear();
}

function write(socket: WebSocket, { connection, messages }: { connection: Socket; messages: string[] }) {
  const count = messages.length;
  const written = () => unflushed.set(socket, unflushedMessages(socket) - count);
  if (socket.readyState !== WebSocket.OPEN) return written();
  const chunks: Buffer[] = [];
  for (const message of messages) chunks.push(...frameText(Buffer.from(message), TEXT_FRAME));
  connection.write(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), written);
}

/** Writes a socket's waiting messages now: before a close that must follow them (graphql-ws's, shutdown's). */
export function flushSocket(socket: WebSocket) {
  const waiting = pending.get(socket);
  if (!waiting) return;
  pending.delete(socket);
  write(socket, waiting);
}

/** Queues a message for `socket`, written with the others of this turn by `flush`. */
function sendAtEndOfTurn(socket: WebSocket, connection: Socket, message: string) {
  if (socket.readyState !== WebSocket.OPEN) return;
  unflushed.set(socket, unflushedMessages(socket) + 1);
  const waiting = pending.get(socket);
  if (waiting) waiting.messages.push(message);
  else pending.set(socket, { connection, messages: [message] });
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

/** The JSON of each result sent, kept as long as the result: a result shared by subscribers is serialized once. */
const payloads = new WeakMap<object, string>();

/** A `next` message's payload as graphql-ws writes it (errors by their toJSON), serialized once per result object. */
function payloadJson(result: ExecutionResult): string {
  if (result.errors) {
    const { errors, ...rest } = result;
    return JSON.stringify({ ...rest, errors: errors.map((error) => error.toJSON()) });
  }
  let json = payloads.get(result);
  if (json === undefined) payloads.set(result, (json = JSON.stringify(result)));
  return json;
}

/**
 * A subscription's results sent as they come, each `next` message built by concatenation around its payload's
 * shared JSON, instead of graphql-ws stringifying one message per subscriber. graphql-ws still drives the rest of
 * the protocol: it iterates what this returns, which yields nothing and ends when the source ends (then graphql-ws
 * sends `complete`) or fails (graphql-ws sends `error`); a client's `complete` or a closed socket calls `return`.
 */
function sendResultsAsTheyCome(source: AsyncIterable<ExecutionResult>, id: string, send: (message: string) => void): AsyncIterableIterator<never> {
  const iterator = source[Symbol.asyncIterator]();
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let stopped = false;
  const pump: AsyncIterableIterator<never> = {
    async next() {
      for (;;) {
        const step = await iterator.next();
        if (step.done || stopped) return { done: true, value: undefined };
        send(`${head}${payloadJson(step.value)}}`);
      }
    },
    async return() {
      stopped = true;
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      stopped = true;
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return pump;
    },
  };
  return pump;
}

/**
 * graphql-ws over `ws`, as graphql-ws's own `useServer` (same protocol check and keep-alive), except for writes: a
 * message does not wait for the kernel to take the one before it, every message sent to a socket in one turn of the
 * event loop leaves in one write (see flush), and subscription results are sent as they come with their JSON shared.
 * A subscriber that is behind gets its waiting events in one system call, not one each. How far behind it may fall
 * stays bounded by the live feed, which counts unflushed messages with its queue.
 */
export function serveGraphQLOverWebSocket<State>(options: ServerOptions<Record<string, unknown>, SocketExtra<State>>, wss: WebSocketServer, keepAliveMs: number, log: Logger) {
  /** Sends on a socket: this turn's messages leave together, and each counts as unflushed until the kernel has it. */
  const senders = new WeakMap<WebSocket, (message: string) => void>();
  const server = makeServer({
    ...options,
    // Subscriptions send their results themselves (unless a caller formats each result with onNext).
    onOperation: async (context, id, payload, args, result) => {
      const replaced = (await options.onOperation?.(context, id, payload, args, result)) ?? result;
      const send = senders.get(context.extra.socket);
      if (options.onNext || !send || !(Symbol.asyncIterator in Object(replaced))) return replaced;
      return sendResultsAsTheyCome(replaced as AsyncIterable<ExecutionResult>, id, send);
    },
  });
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

    const send = (data: string) => sendAtEndOfTurn(socket, request.socket, data);
    senders.set(socket, send);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => {
          flushSocket(socket);
          socket.close(code, reason);
        },
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
