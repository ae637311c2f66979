import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { sql } from 'kysely';
import { createAccessControl } from './access/access-control';
import { readBodyWithin } from './access/body-limit';
import { useTrustedDocuments } from './access/trusted-documents';
import type { Config } from './config';
import { createCors } from './core/cors';
import { demoKeyFor } from './core/loopback';
import { useNulFreeArguments } from './core/input-guard';
import { useJitExecution } from './core/jit-execution';
import { requestIdOf } from './core/request-id';
import { maskError, serviceUnavailableError, useWholeAnswerOrUnavailable } from './core/service-unavailable';
import { isDatabaseUnavailable } from './db/availability';
import type { Database } from './db/database';
import { createEventBus } from './live/bus';
import { LiveFeed } from './live/live-feed';
import { sharedSubscriptionExecution } from './live/shared-execution';
import { attachGraphQLWebSocket } from './live/websocket';
import { graphiqlOptions, renderLocalGraphiQL } from './core/graphiql';
import { serveGraphiQLAsset } from './core/graphiql-assets';
import type { GatewayContext, GatewayServerContext } from './core/context';
import type { ErrorCode } from './core/errors';
import { schema } from './core/schema';
import { createMetrics, observeGatewayState } from './observability/metrics';
import { useMetrics } from './observability/metrics-plugin';
import { serveMetrics } from './observability/metrics-route';
import { Tracing } from './observability/tracing';
import { useTracing } from './observability/tracing-plugin';
import { inProcessExecutor } from './rest/in-process';
import { createRestRouter } from './rest/router';
import { startFeedbackClassifier } from './domains/feedback/classifier-worker';
import type { Logger } from './core/logger';

import { createTemporal } from './core/temporal-connection';
import { type SchedulePauseDelivery, startSchedulePauseDelivery } from './domains/schedules/pause-delivery';

export interface GatewayOptions {
  config: Config;
  database: Database;
  log: Logger;
  /** Pre-filled into GraphiQL's headers pane for callers on this machine (embedded demo mode, generated key only). */
  demoApiKey?: string;
}

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
  // Lazy: nothing connects to Temporal until a field asks, and start-up never waits for it.
  const temporal = createTemporal(config.temporal, log.child({ component: 'temporal' }));
  let schedulePauses: SchedulePauseDelivery | undefined;
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

  // Which key a page may prefill for a caller, decided once for GraphiQL and /admin/docs alike.
  const demoKeyForCaller = (req: IncomingMessage | undefined) => demoKeyFor(demoApiKey, req);

  const tracing = new Tracing(config.tracing);
  const stopRecordingStatements = database.onQuery(tracing.recordStatement);
  const metrics = createMetrics();
  const stopObservingState = observeGatewayState(metrics, { database, liveFeed });

  const yoga = createYoga<GatewayServerContext, GatewayContext>({
    schema,
    logging: yogaLogger(log.child({ component: 'yoga' })),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: (_request, serverContext) => graphiqlOptions({ demoKey: demoKeyForCaller(serverContext?.req), temporalConfigured: Boolean(config.temporal) }),
    renderGraphiQL: renderLocalGraphiQL,
    // CORS is answered by the server for every route alike (src/core/cors.ts), not by Yoga for /graphql only.
    cors: false,
    // Every body reaches Yoga already read within MAX_REQUEST_BYTES (readBodyWithin below; REST runs in process with
    // no body; graphql-ws has its own maxPayload): Yoga's own limit would only pipe each body through another stream.
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    plugins: [
      useJitExecution(),
      useMetrics(metrics),
      useTracing(tracing),
      ...access.plugins,
      ...useTrustedDocuments(config.trustedDocuments.mode, config.trustedDocuments.documents),
      useNulFreeArguments(),
      useWholeAnswerOrUnavailable(),
      sharedSubscriptionExecution,
    ],
    context: async (initial) => ({
      db,
      principal: await access.principalFor(initial),
      requestId: initial.requestId,
      clientAddress: initial.clientAddress ?? initial.req?.socket.remoteAddress,
      log: log.child({ requestId: initial.requestId }),
      now: new Date(),
      temporal,
      temporalDescribeConcurrency: config.temporal?.describeConcurrency ?? 1,
      wakeSchedulePauses: () => schedulePauses?.wake(),
      liveFeed: initial.liveFeed,
    }),
  });

  const answerCors = createCors(config.corsOrigins);
  const rest = createRestRouter(inProcessExecutor(yoga), { log: log.child({ component: 'rest' }), demoKeyFor: demoKeyForCaller, maxBodyBytes: config.maxRequestBytes });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    if (await answerCors(req, res)) return;
    // The GraphQL endpoint as clients send it needs no URL parsing; anything else is normalised by URL.
    const url = req.url ?? '/';
    const pathname = url === '/graphql' || url.startsWith('/graphql?') ? '/graphql' : new URL(url, 'http://gateway').pathname;
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
    if (pathname === '/admin' || pathname.startsWith('/admin/') || pathname.startsWith('/api/v1/admin/')) return rest.handle(req, res, requestId);
    if (pathname === '/metrics') return serveMetrics(req, res, { metrics, authenticate: authenticateHeader });
    if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      // A gateway whose event bus is reconnecting would serve subscriptions that miss events: not ready.
      // Temporal is reported but never makes it unready: everything else still works without it.
      const eventsState = events.state() === 'listening' ? 'listening' : 'reconnecting';
      const temporalState = temporal.probe();
      try {
        await sql`select 1`.execute(db);
      } catch {
        return json(res, 503, { status: 'unavailable', database: 'down', events: eventsState, temporal: await temporalState });
      }
      return json(res, eventsState === 'listening' ? 200 : 503, {
        status: eventsState === 'listening' ? 'ready' : 'unavailable',
        database: 'up',
        events: eventsState,
        temporal: await temporalState,
      });
    }
    if (pathname === '/') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    if (await serveGraphiQLAsset(req, res, pathname)) return;
    return json(res, 404, { detail: 'Not Found' });
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    // The access log line is at info: below that level (LOG_LEVEL=warn) no listener is added per request.
    if (log.isLevelEnabled('info')) {
      res.once('finish', () => {
        log.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      });
    }
    tracing.aroundRequest(req, res, requestId, () => route(req, res, requestId)).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (isDatabaseUnavailable(error)) {
        const unavailable = serviceUnavailableError();
        res.setHeader('retry-after', String(unavailable.extensions.retryAfter));
        return json(res, 503, { detail: unavailable.message });
      }
      log.error({ requestId, err: error }, 'unhandled request error');
      json(res, 500, { detail: 'Internal Server Error' });
    });
  });

  const webSockets = attachGraphQLWebSocket({
    server,
    path: '/graphql',
    yoga,
    initialContext: () => ({ liveFeed }),
    authenticate: (authorization, clientAddress) => access.authenticator.authenticate(authorization, clientAddress),
    admit: (authorization, clientAddress) => access.admit(authorization, clientAddress),
    recheck: (authorization) => liveFeed.recheck(authorization),
    log: log.child({ component: 'graphql-ws' }),
    keepAliveMs: config.events.keepAliveMs,
    authRecheckMs: config.events.authRecheckMs,
    maxPayloadBytes: config.maxRequestBytes,
    maxOperationsPerSocket: config.events.maxSubscriptionsPerSocket,
  });

  let feedbackClassifier: ReturnType<typeof startFeedbackClassifier> | undefined;

  return {
    server,
    /** Authenticator, rate limiter and data-access audit, for transports outside Yoga's HTTP path (graphql-ws). */
    access,
    liveFeed,
    metrics,
    webSockets: webSockets.sockets,
    async start(port = config.port, host = config.host): Promise<string> {
      await tracing.start();
      await events.start();
      schedulePauses ??= startSchedulePauseDelivery({
        db,
        temporal,
        settings: config.schedulePauses,
        callTimeoutMs: config.temporal?.callTimeoutMs ?? 0,
        log: log.child({ component: 'schedule-pauses' }),
      });
      feedbackClassifier ??= startFeedbackClassifier({ db: database.db, bus: events, log: log.child({ component: 'feedback-classifier' }) });
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
      await feedbackClassifier?.stop();
      await events.stop();
      await schedulePauses?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forceAfter = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(forceAfter);
      await yoga.dispose();
      await access.close();
      stopRecordingStatements();
      stopObservingState();
      await tracing.stop();
      await temporal.close();
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
