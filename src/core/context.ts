import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal';
import type { Database } from '../db/tables';
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
  liveFeed?: LiveFeed;
}
