import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/tables';
import type { Logger } from '../core/logger';
import type { EventBus } from '../live/bus';
import { authenticateApiKey, findApiKeyWithOwner, lastUseIsStale, touchApiKey } from './api-keys';
import { createClerkVerifier } from './clerk';
import { createPrincipalCache } from './principal-cache';
import { AccessDenied, bearerToken, INVALID_API_KEY, type Principal } from './principal';

export interface Authenticator {
  /**
   * The admin principal behind an Authorization header value, or AccessDenied (401/403 with the documented detail).
   * With the caller's address, failed authentications from it are limited (src/access/failed-auth-limiter.ts).
   */
  authenticate(authorization: string | null | undefined, clientAddress?: string): Promise<Principal>;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The one way a request becomes a principal, shared by GraphQL over HTTP and SSE, graphql-ws and REST.
 * An API key and its owner are read once and then served from the principal cache until a change to either is
 * announced on the bus (a revoked key or a deactivated user is refused on the next request) or PRINCIPAL_CACHE_MS ends.
 */
export function createAuthenticator({ config, db, log, bus }: { config: Config; db: Kysely<Database>; log: Logger; bus: EventBus }): Authenticator {
  const authenticateSession = config.clerk ? createClerkVerifier({ clerk: config.clerk, db, log }) : undefined;
  const principals = createPrincipalCache({ bus, ttlMs: config.principalCacheMs });
  const findKey = (presented: string) => principals.lookup(presented, () => findApiKeyWithOwner(db, presented));

  const recordUse = (key: Parameters<typeof lastUseIsStale>[0]) => {
    if (!lastUseIsStale(key)) return;
    const now = new Date();
    principals.touched(key.id, now);
    touchApiKey(db, key.id, now).catch((error: unknown) => log.warn({ err: error, apiKeyId: key.id }, 'could not record the API key\'s last use'));
  };

  return {
    async authenticate(authorization) {
      try {
        const token = bearerToken(authorization);
        if (!token) throw new AccessDenied(401, INVALID_API_KEY, authorization ? 'Authorization is not a Bearer token' : 'no Authorization header');
        if (token.startsWith('sk_')) return await authenticateApiKey(db, token, recordUse, findKey);
        if (authenticateSession && JWT_SHAPE.test(token)) return await authenticateSession(token);
        throw new AccessDenied(401, INVALID_API_KEY, authenticateSession ? 'neither an API key nor a JWT' : 'not an API key (Clerk is not configured)');
      } catch (error) {
        if (error instanceof AccessDenied) log.info({ status: error.status, reason: error.reason }, 'access denied');
        throw error;
      }
    },
  };
}
