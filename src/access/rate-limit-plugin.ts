import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayServerContext } from '../core/context';
import { ERROR_CATALOGUE, type ErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import type { RateLimiter, RateLimitOutcome } from './rate-limit';

export function rateLimitedError(outcome: RateLimitOutcome): GraphQLError {
  return new GraphQLError(outcome.message ?? 'Rate limit exceeded', {
    extensions: { code: 'RATE_LIMITED' satisfies ErrorCode, retryAfter: outcome.retryAfterSeconds, http: { status: ERROR_CATALOGUE.RATE_LIMITED.status, headers: outcome.headers } },
  });
}

/**
 * The per-user rate limit, right after authentication (plugins run in order) and before parsing: a refused caller
 * costs no parsing. Adds `rateLimitHeaders` to the server context and sends them with the response.
 */
export function useRateLimit(rateLimiter: RateLimiter, log: Logger): Plugin<Record<string, any>, GatewayServerContext> {
  return {
    async onParams({ context, setResult }) {
      const { principal } = context;
      if (!principal) return;
      const outcome = await rateLimiter.consume(principal);
      context.rateLimitHeaders = outcome.headers;
      if (outcome.allowed) return;
      log.info({ userId: principal.userId, retryAfter: outcome.retryAfterSeconds }, 'rate limited');
      delete context.principal;
      setResult({ errors: [rateLimitedError(outcome)] });
    },
    onResponse({ response, serverContext }) {
      const headers = (serverContext as GatewayServerContext).rateLimitHeaders;
      if (!headers) return;
      for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
    },
  };
}
