import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { handleProtocols } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext, GatewayServerContext, GatewaySocketExtra, GatewaySocketState } from '../core/context';
import { WebSocket, WebSocketServer } from 'ws';
import { AccessDenied, type Principal } from '../access/principal';
import { closeCodeOf, gatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import { SERVICE_UNAVAILABLE_MESSAGE, serviceUnavailableError } from '../core/service-unavailable';
import { isDatabaseUnavailable } from '../db/availability';
import { closeWebSocket, PRINCIPAL_REVOKED } from './live-feed';
import { flushSocket, serveGraphQLOverWebSocket } from './ws-server';

export interface GraphQLWebSocketOptions {
  server: Server;
  path: string;
  yoga: YogaServerInstance<GatewayServerContext, GatewayContext>;
  /** Extra initial context for every operation (merged like Yoga's server context on HTTP). */
  initialContext: () => Partial<GatewayServerContext>;
  authenticate: (authorization: string | null | undefined, clientAddress: string | undefined) => Promise<Principal>;
  /** Authentication plus the rate limit, for each subscribe: the principal, or a GraphQL error to send back. */
  admit: (authorization: string | null | undefined, clientAddress: string | undefined) => Promise<Principal>;
  /** The periodic check of an open socket's credential (may share results between sockets). */
  recheck: (authorization: string | null | undefined) => Promise<Principal>;
  log: Logger;
  keepAliveMs: number;
  authRecheckMs: number;
  maxPayloadBytes: number;
  /** Operations one socket may have open at once (MAX_SUBSCRIPTIONS_PER_SOCKET). */
  maxOperationsPerSocket: number;
}

/** WebSocket close code for a caller refused for too many failed authentications from its address. */
const TOO_MANY_FAILED_AUTHENTICATIONS = 4429;

/** `{ Authorization: 'Bearer …' }` or `{ authorization }` in the connection_init payload. */
function authorizationFrom(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.Authorization ?? params?.authorization;
  return typeof value === 'string' ? value : null;
}

/**
 * graphql-ws on the HTTP server's port and path. Every operation runs through `yoga.getEnveloped`, so the same
 * plugins, context factory and auth apply as over HTTP: the connection_init token becomes the Authorization
 * header of a synthetic request. The principal is checked at connect and re-checked every `authRecheckMs`.
 */
export function attachGraphQLWebSocket(options: GraphQLWebSocketOptions) {
  const { server, path, yoga, log, authenticate, recheck: recheckPrincipal } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, handleProtocols });
  /** Each connected socket's graphql-ws extra, for the periodic re-check of its credential. */
  const connected = new WeakMap<WebSocket, GatewaySocketExtra>();
  const operationLimitError = () =>
    gatewayError('QUERY_LIMIT_EXCEEDED', `Subscription limit reached: at most ${options.maxOperationsPerSocket} subscriptions per socket; complete one first.`, {
      limit: 'maxSubscriptionsPerSocket',
    });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    if (pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  // Each operation runs through the execute/subscribe of its own Yoga envelope (its plugins' hooks).
  const envelopes = new WeakMap<ExecutionArgs, ReturnType<typeof yoga.getEnveloped>>();
  const envelopeOf = (args: ExecutionArgs) => {
    const envelope = envelopes.get(args);
    if (!envelope) throw new Error('graphql-ws executed an operation its onSubscribe did not prepare');
    return envelope;
  };

  serveGraphQLOverWebSocket<GatewaySocketState>(
    {
      execute: (args) => envelopeOf(args).execute(args),
      subscribe: (args) => envelopeOf(args).subscribe(args),
      onConnect: async ({ connectionParams, extra }) => {
        const authorization = authorizationFrom(connectionParams);
        try {
          await authenticate(authorization, extra.request.socket.remoteAddress);
        } catch (error) {
          if (error instanceof GraphQLError) {
            extra.socket.close(TOO_MANY_FAILED_AUTHENTICATIONS, error.message.slice(0, 120));
            return false;
          }
          if (isDatabaseUnavailable(error)) {
            extra.socket.close(closeCodeOf('SERVICE_UNAVAILABLE'), SERVICE_UNAVAILABLE_MESSAGE);
            return false;
          }
          if (!(error instanceof AccessDenied)) throw error;
          extra.socket.close(closeCodeOf(error.code), error.detail);
          return false;
        }
        extra.authorization = authorization;
        extra.operations = new Set();
        connected.set(extra.socket, extra);
        return true;
      },
      onSubscribe: async ({ extra }, id, payload) => {
        const operations = (extra.operations ??= new Set());
        // Each open operation holds a queue and loaders: a socket may not open more than its share.
        if (operations.size >= options.maxOperationsPerSocket) return [operationLimitError()];
        const authorization = extra.authorization ?? null;
        const request = new Request('http://gateway/graphql', {
          method: 'POST',
          headers: authorization ? { authorization } : {},
        });
        try {
          const principal = await options.admit(authorization, extra.request.socket.remoteAddress);
          const envelope = yoga.getEnveloped({
            ...options.initialContext(),
            principal,
            req: extra.request,
            socket: extra.socket,
            request,
            requestId: randomUUID(),
            params: payload,
          });
          const { schema, contextFactory, parse, validate } = envelope;
          const args: ExecutionArgs = {
            schema,
            operationName: payload.operationName,
            document: parse(payload.query),
            variableValues: payload.variables,
            contextValue: await contextFactory(),
          };
          envelopes.set(args, envelope);
          const errors = validate(args.schema, args.document);
          if (errors.length > 0) return errors;
          if (operations.size >= options.maxOperationsPerSocket) return [operationLimitError()];
          operations.add(id);
          return args;
        } catch (error) {
          // A syntax error, a key revoked since connect, or the rate limit: an error message, not a crash.
          if (error instanceof GraphQLError) return [error];
          if (isDatabaseUnavailable(error)) return [serviceUnavailableError()];
          throw error;
        }
      },
      onComplete: ({ extra }, id) => {
        extra.operations?.delete(id);
      },
    },
    wss,
    options.keepAliveMs,
    log,
  );

  const recheck = setInterval(() => {
    for (const socket of wss.clients) {
      const extra = connected.get(socket);
      if (!extra || socket.readyState !== WebSocket.OPEN) continue;
      recheckPrincipal(extra.authorization).catch((error: unknown) => {
        if (!(error instanceof AccessDenied)) return log.warn({ err: error }, 'could not re-check a WebSocket principal; keeping the socket');
        log.info({ reason: error.detail }, 'closing a WebSocket whose principal may no longer read');
        closeWebSocket(socket, PRINCIPAL_REVOKED, error.detail);
      });
    }
  }, options.authRecheckMs);
  recheck.unref();

  return {
    sockets: wss.clients,
    /** Closes every socket (terminating those that do not answer within a second) and stops accepting. */
    async close() {
      clearInterval(recheck);
      server.off('upgrade', onUpgrade);
      const open = [...wss.clients];
      await Promise.all(
        open.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              const force = setTimeout(() => socket.terminate(), 1_000);
              socket.once('close', () => {
                clearTimeout(force);
                resolve();
              });
              // Messages still waiting for the end of this turn (the completes of stopped subscriptions) go first.
              flushSocket(socket);
              socket.close(1001, 'Server shutting down');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
