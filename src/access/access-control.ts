import type { Plugin } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { GatewayServerContext } from '../core/context';
import type { Logger } from '../core/logger';
import type { Database } from '../db/tables';
import type { EventBus } from '../live/bus';
import { type AccessAudit, createAccessAudit } from './access-audit';
import { useDataAccessAudit } from './audit-plugin';
import { accessDeniedError, useAuthentication } from './authentication-plugin';
import { type Authenticator, createAuthenticator } from './authenticator';
import { limitFailedAuthentications } from './failed-auth-limiter';
import { AccessDenied, type Principal } from './principal';
import { useQueryLimits } from './query-limits-plugin';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { rateLimitedError, useRateLimit } from './rate-limit-plugin';

export interface AccessControl {
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  accessAudit: AccessAudit;
  /** Query limits, authentication, rate limit (both before parsing) and data-access audit, in that order. */
  plugins: Plugin[];
  /**
   * Authentication and rate limit in one call for transports outside Yoga's HTTP path (graphql-ws connection_init
   * and each subscribe): the principal, or a GraphQL error (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED).
   */
  admit(authorization: string | null | undefined, clientAddress?: string): Promise<Principal>;
  /** admit, with the rate-limit headers to answer with (for REST, which runs its documents in process). */
  admitWithHeaders(authorization: string | null | undefined, clientAddress?: string): Promise<{ principal: Principal; headers: Record<string, string> }>;
  /** The principal for Yoga's context factory: the one the plugin found, or (for other transports) from the header. */
  principalFor(initial: GatewayServerContext & { request?: Request }): Promise<Principal>;
  close(): Promise<void>;
}

/** Everything between a request and GraphQL execution, as small Yoga plugins and the services behind them. */
export function createAccessControl({ config, db, log, bus }: { config: Config; db: Kysely<Database>; log: Logger; bus: EventBus }): AccessControl {
  const authenticator = limitFailedAuthentications(createAuthenticator({ config, db, log, bus }), { perMinute: config.rateLimit.authFailuresPerMinute });
  const rateLimiter = createRateLimiter({ config, log });
  const accessAudit = createAccessAudit({ db, log, enabled: config.auditDataAccess });

  /** For transports outside the plugins: AccessDenied as the GraphQL error to answer with. */
  const authenticate = async (authorization: string | null | undefined, clientAddress?: string) => {
    try {
      return await authenticator.authenticate(authorization, clientAddress);
    } catch (error) {
      throw error instanceof AccessDenied ? accessDeniedError(error) : error;
    }
  };

  return {
    authenticator,
    rateLimiter,
    accessAudit,
    plugins: [
      useQueryLimits(config.queryLimits),
      useAuthentication(authenticator) as Plugin,
      useRateLimit(rateLimiter, log) as Plugin,
      useDataAccessAudit(accessAudit) as Plugin,
    ],
    async admitWithHeaders(authorization, clientAddress) {
      const principal = await authenticate(authorization, clientAddress);
      const outcome = await rateLimiter.consume(principal);
      if (!outcome.allowed) {
        log.info({ userId: principal.userId, retryAfter: outcome.retryAfterSeconds }, 'rate limited');
        throw rateLimitedError(outcome);
      }
      return { principal, headers: outcome.headers };
    },
    async admit(authorization, clientAddress) {
      return (await this.admitWithHeaders(authorization, clientAddress)).principal;
    },
    principalFor: async (initial) => initial.principal ?? authenticate(initial.request?.headers.get('authorization')),
    async close() {
      await accessAudit.close();
      await rateLimiter.close();
    },
  };
}
