import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Extra as GraphQLWsExtra } from 'graphql-ws/use/ws';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal';
import type { Database } from '../db/tables';
import type { Temporal } from './temporal-connection';
import type { LiveFeed } from '../live/live-feed';

/**
 * What a transport hands Yoga with each request (Yoga's server context): node:http for /graphql, the REST router,
 * graphql-ws. The access plugins add what they find (principal, rate-limit headers) to it.
 */
export interface GatewayServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  requestId: string;
  clientAddress?: string;
  /** Absent on REST, which serves no subscriptions. */
  liveFeed?: LiveFeed;
  /** graphql-ws: the subscriber's WebSocket (the live feed watches its backlog and closes it when it stalls). */
  socket?: GraphQLWsExtra['socket'];
  /** Set by the authentication plugin; a transport that authenticates itself (graphql-ws) may pass it in. */
  principal?: Principal;
  /** Set by the rate-limit plugin; sent with the response. */
  rateLimitHeaders?: Record<string, string>;
  /** REST passes its route ("GET /admin/users") so that data-access audit rows name it instead of the operation. */
  restRoute?: string;
}

/** Everything a resolver may use; one per request (or per subscription operation). */
export interface GatewayContext {
  db: Kysely<Database>;
  principal: Principal;
  requestId: string;
  clientAddress: string | undefined;
  log: Logger;
  now: Date;
  /** The gateway's Temporal connection (every call with a deadline); a not-configured one when TEMPORAL_ADDRESS is unset. */
  temporal: Temporal;
  /** How many DescribeSchedule calls one request may have in flight (TEMPORAL_DESCRIBE_CONCURRENCY). */
  temporalDescribeConcurrency: number;
  /** Starts delivering schedule pauses now rather than at the next poll (after a deactivation commits). */
  wakeSchedulePauses(): void;
  liveFeed?: LiveFeed;
}

/** What the gateway keeps per graphql-ws socket, set when the socket connects. */
export type GatewaySocketState = {
  /** The connection_init credential: each subscribe and the periodic re-check authenticate with it. */
  authorization: string | null;
  /** Ids of the socket's open operations (at most MAX_SUBSCRIPTIONS_PER_SOCKET). */
  operations: Set<string>;
};

/** graphql-ws's `ctx.extra` of one socket: its WebSocket and HTTP upgrade request, and the gateway's state. */
export type GatewaySocketExtra = GraphQLWsExtra & Partial<GatewaySocketState>;
