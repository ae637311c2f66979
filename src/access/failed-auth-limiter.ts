import { GraphQLError } from 'graphql';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Failed authentications per client address (the socket's peer), counted in process over a fixed minute. An address
 * past AUTH_FAILURES_PER_MINUTE is refused with 429 before its credential is even looked at, so that guessing keys
 * or replaying bad tokens costs the database nothing. Successful requests are never counted here.
 */
export function createFailedAuthLimiter({ perMinute }: { perMinute: number }) {
  const failures = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'gateway:auth-failures' });
  const keyOf = (address: string | undefined) => address ?? 'unknown';

  return {
    /** A RATE_LIMITED error when the address has used up its failures this minute, else undefined. */
    async refusal(address: string | undefined): Promise<GraphQLError | undefined> {
      const state = await failures.get(keyOf(address));
      if (!state || state.consumedPoints < perMinute) return undefined;
      const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      return new GraphQLError(`Too many failed authentications from this address: ${perMinute} per minute. Retry in ${retryAfter} s.`, {
        extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: { 'Retry-After': String(retryAfter) } } },
      });
    },
    async recordFailure(address: string | undefined): Promise<void> {
      await failures.consume(keyOf(address)).catch(() => {});
    },
  };
}

export type FailedAuthLimiter = ReturnType<typeof createFailedAuthLimiter>;
