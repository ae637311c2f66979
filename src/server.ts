import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { sql } from 'kysely';
import { createAccessControl } from './access/access-control';
import { readBodyWithin } from './access/body-limit';
import type { Config } from './config';
import type { Database } from './db/database';
import { createEventBus } from './live/bus';
import { LiveFeed } from './live/live-feed';
import { attachGraphQLWebSocket } from './live/websocket';
import { sharedSubscriptionExecution } from './live/shared-execution';
import { graphiqlAsset, GRAPHIQL_ASSET_PATH, renderLocalGraphiQL } from './core/graphiql';
import type { GatewayContext, GatewayServerContext } from './core/context';
import type { ErrorCode } from './core/errors';
import { schema } from './core/schema';
import { createRestRouter } from './rest/router';
import type { Logger } from './core/logger';

export interface GatewayOptions {
  config: Config;
  database: Database;
  log: Logger;
  /** Pre-filled into GraphiQL's headers pane (embedded demo mode only). */
  demoApiKey?: string;
}

const EXAMPLE_QUERY = `# Your admin key is already in the headers pane below. Press the run button.
query Overview {
  stats {
    executions { total24h success24h failed24h avgDurationMs }
    popularQueries(limit: 3) { query count }
  }
  users(first: 5) {
    totalCount
    edges {
      node { id email role state createdAt lastLogin tasksCount activeTasksCount executions24h notifications7d }
    }
    pageInfo { hasNextPage endCursor }
  }
  errors(first: 3, filter: { hours: 24 }) {
    totalCount
    errorTypes { errorType count }
    edges { node { errorType errorMessage userEmail searchQuery occurredAt } }
  }
}
`;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Yoga calls its logger's methods detached from the object, which pino's methods do not survive. */
function yogaLogger(log: Logger) {
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const err = args.find((arg) => arg instanceof Error);
    const rest = args.filter((arg) => arg !== err).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)));
    log[level]({ ...(err ? { err } : {}) }, rest.join(' '));
  };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}

export function createGateway({ config, database, log, demoApiKey }: GatewayOptions) {
  const { db } = database;
  const events = createEventBus(database, log);
  const access = createAccessControl({ config, db, log, bus: events });
  /** The one place a credential becomes a principal, for HTTP and WebSocket alike. */
  const authenticateHeader = (authorization: string | null | undefined) => access.authenticator.authenticate(authorization);
  const liveFeed = new LiveFeed(
    events,
    {
      queueLimit: config.events.subscriberQueueLimit,
      maxBacklogBytes: config.events.subscriberMaxBacklogBytes,
      authRecheckMs: config.events.authRecheckMs,
      authenticate: authenticateHeader,
    },
    log.child({ component: 'live-feed' }),
  );

  const yoga = createYoga<GatewayServerContext, GatewayContext>({
    schema,
    logging: yogaLogger(log.child({ component: 'yoga' })),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: {
      title: 'Admin gateway',
      ...(demoApiKey ? { defaultQuery: EXAMPLE_QUERY, headers: JSON.stringify({ Authorization: `Bearer ${demoApiKey}` }, null, 2) } : {}),
    },
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [...access.plugins, sharedSubscriptionExecution],
    context: async (initial) => ({
      db,
      principal: await access.principalFor(initial),
      requestId: initial.requestId,
      clientAddress: initial.clientAddress ?? initial.req?.socket.remoteAddress,
      log: log.child({ requestId: initial.requestId }),
      now: new Date(),
      liveFeed: initial.liveFeed,
    }),
  });

  // REST documents are fixed: each is validated (schema rules and query limits) once, then executed in process.
  const restValidation = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  const rest = createRestRouter(
    {
      async run(document, variables, serverContext) {
        let admitted: Awaited<ReturnType<typeof access.admitWithHeaders>>;
        try {
          admitted = await access.admitWithHeaders(serverContext.req.headers.authorization);
        } catch (error) {
          if (error instanceof GraphQLError) return { result: { errors: [error] }, headers: {} };
          throw error;
        }
        const { schema: enveloped, execute, validate, contextFactory } = yoga.getEnveloped({ ...serverContext, principal: admitted.principal, liveFeed });
        const errors = restValidation.get(document) ?? validate(enveloped, document);
        restValidation.set(document, errors);
        if (errors.length > 0) return { result: { errors }, headers: admitted.headers };
        const result = (await execute({ schema: enveloped, document, variableValues: variables, contextValue: await contextFactory() })) as ExecutionResult;
        return { result, headers: admitted.headers };
      },
    },
    { log: log.child({ component: 'rest' }) },
  );

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const { pathname } = new URL(req.url ?? '/', 'http://gateway');
    if (pathname === '/graphql') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const read = await readBodyWithin(req, config.maxRequestBytes);
        if (!read.ok) {
          res.setHeader('connection', 'close');
          return json(res, read.status, { errors: [{ message: read.message, extensions: { code: 'PAYLOAD_TOO_LARGE' satisfies ErrorCode } }] });
        }
        // Yoga's node adapter takes an already-read body from req.body.
        if (read.body.length > 0) Object.assign(req, { body: read.body });
      }
      return yoga(req, res, { requestId, clientAddress: req.socket.remoteAddress, liveFeed });
    }
    if (pathname === '/admin' || pathname.startsWith('/admin/')) return rest.handle(req, res, requestId);
    if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      // A gateway whose event bus is reconnecting would serve subscriptions that miss events: not ready.
      const eventsState = events.state() === 'listening' ? 'listening' : 'reconnecting';
      try {
        await sql`select 1`.execute(db);
      } catch {
        return json(res, 503, { status: 'unavailable', database: 'down', events: eventsState });
      }
      return json(res, eventsState === 'listening' ? 200 : 503, {
        status: eventsState === 'listening' ? 'ready' : 'unavailable',
        database: 'up',
        events: eventsState,
      });
    }
    if (pathname === '/') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    if (pathname.startsWith(GRAPHIQL_ASSET_PATH)) {
      const asset = await graphiqlAsset(pathname);
      if (asset) {
        res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' }).end(asset.body);
        return;
      }
    }
    return json(res, 404, { detail: 'Not Found' });
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    res.setHeader('x-request-id', requestId);
    res.once('finish', () => {
      log.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    route(req, res, requestId).catch((error: unknown) => {
      log.error({ requestId, err: error }, 'unhandled request error');
      if (!res.headersSent) json(res, 500, { detail: 'Internal Server Error' });
      else res.destroy();
    });
  });

  const webSockets = attachGraphQLWebSocket({
    server,
    path: '/graphql',
    yoga,
    initialContext: () => ({ liveFeed }),
    authenticate: authenticateHeader,
    admit: (authorization) => access.admit(authorization),
    recheck: (authorization) => liveFeed.recheck(authorization),
    log: log.child({ component: 'graphql-ws' }),
    keepAliveMs: config.events.keepAliveMs,
    authRecheckMs: config.events.authRecheckMs,
    maxPayloadBytes: config.maxRequestBytes,
  });

  return {
    server,
    /** Authenticator, rate limiter and data-access audit, for transports outside Yoga's HTTP path (graphql-ws). */
    access,
    liveFeed,
    webSockets: webSockets.sockets,
    async start(port = config.port, host = config.host): Promise<string> {
      await events.start();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      return `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
    },
    /** Stops accepting, lets in-flight requests finish, then closes what is left. */
    async stop(): Promise<void> {
      await liveFeed.completeAll();
      await webSockets.close();
      await events.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forceAfter = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(forceAfter);
      await yoga.dispose();
      await access.close();
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
